using BenchmarkDotNet.Running;
using Werkbon.Benchmarks;

// dotnet run -c Release --project bench/Werkbon.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- issue-invoices [count] [issuers] [postgres-connection-string]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- ingest [server-url] [reports-per-level] [levels, e.g. 1,16,64]
if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestLoad.RunAsync(args);
}

if (args.Length > 0 && args[0] == "pull") { return await PullLoad.RunAsync(args); } // pull [server-url] [devices] [work orders] [rounds]

if (args.Length > 0 && args[0] == "issue-invoices")
{
    return await InvoiceLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PricingBenchmarks).Assembly).Run(args);
return 0;
