using BenchmarkDotNet.Running;
using Conformance.Bench.Targets;

// Run on demand, never in CI:
//   dotnet run -c Release --project bench/Conformance.Bench -- --filter '*'      (BenchmarkDotNet micro-benchmarks)
//   dotnet run -c Release --project bench/Conformance.Bench -- targets [--samba HOST:PORT] [--user U --password P --share S]
if (args is [TargetsCommand.Name, .. var rest])
{
    return await TargetsCommand.RunAsync(rest);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
