using BenchmarkDotNet.Running;

// Run on demand, never in CI:  dotnet run -c Release --project bench/Conformance.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
