using BenchmarkDotNet.Running;
using Werkbon.Benchmarks;

// dotnet run -c Release --project bench/Werkbon.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- issue-invoices [count] [issuers] [postgres-connection-string]
if (args.Length > 0 && args[0] == "issue-invoices")
{
    return await InvoiceLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PricingBenchmarks).Assembly).Run(args);
return 0;
