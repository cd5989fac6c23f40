using BenchmarkDotNet.Running;
using Conformance.Bench.Family;
using Conformance.Bench.Fuzz;
using Conformance.Bench.Load;
using Conformance.Bench.Targets;

// Run on demand, never in CI:
//   dotnet run -c Release --project bench/Conformance.Bench -- --filter '*'      (BenchmarkDotNet micro-benchmarks)
//   dotnet run -c Release --project bench/Conformance.Bench -- targets [--samba HOST:PORT] [--user U --password P --share S]
//   dotnet run -c Release --project bench/Conformance.Bench -- family [NAME|all] [--samba HOST:PORT] [--user U --password P --share S]
//   dotnet run -c Release --project bench/Conformance.Bench -- fuzz [--minutes M] [--executions N] [--seed S] [--workers W]
//   dotnet run -c Release --project bench/Conformance.Bench -- load [--connections N] [--seconds S] [--file-size BYTES]
if (args is [TargetsCommand.Name, .. var rest])
{
    return await TargetsCommand.RunAsync(rest);
}
if (args is [FamilyCommand.Name, .. var familyArguments])
{
    return await FamilyCommand.RunAsync(familyArguments);
}
if (args is [LoadCommand.Name, .. var loadArguments])
{
    return await LoadCommand.RunAsync(loadArguments);
}
if (args is [FuzzCommand.Name, .. var fuzzArguments])
{
    return await FuzzCommand.RunAsync(fuzzArguments);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
