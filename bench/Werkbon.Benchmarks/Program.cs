using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Werkbon.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Werkbon.Benchmarks.PricingBenchmarks).Assembly).Run(args);
