using BenchmarkDotNet.Running;
using Werkbon.Benchmarks;

// dotnet run -c Release --project bench/Werkbon.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- issue-invoices [count] [issuers] [postgres-connection-string]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- ingest [server-url] [reports-per-level] [levels, e.g. 1,16,64]
// dotnet run -c Release --project bench/Werkbon.Benchmarks -- load [--postgres <connection string>] [--reports N] [--levels 1,16,64] [--technicians 300] [--photos] [--port 5281] [--no-browser] [--keep] [--server-env NAME=VALUE]
if (args.Length > 0 && args[0] == "load")
{
    return await Werkbon.Benchmarks.Load.LoadRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestLoad.RunAsync(args);
}

if (args is ["monthend", ..]) return await MonthEndLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "nodes") return await NodesLoad.RunAsync(args); // [reports per level] [levels] [postgres-connection-string]
if (args is ["delivery", ..]) return await DeliveryLoad.RunAsync(args); // delivery [reports] [interval seconds] [port]
if (args.Length > 0 && args[0] == "pull") { return await PullLoad.RunAsync(args); } // pull [server-url] [devices] [work orders] [rounds]

if (args.Length > 0 && args[0] == "issue-invoices")
{
    return await InvoiceLoad.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PricingBenchmarks).Assembly).Run(args);
return 0;
