using BenchmarkDotNet.Running;
using Conformance.Bench.Family;
using Conformance.Bench.Targets;

// Run on demand, never in CI:
//   dotnet run -c Release --project bench/Conformance.Bench -- --filter '*'      (BenchmarkDotNet micro-benchmarks)
//   dotnet run -c Release --project bench/Conformance.Bench -- targets [--samba HOST:PORT] [--user U --password P --share S]
//   dotnet run -c Release --project bench/Conformance.Bench -- family [NAME] [--samba HOST:PORT] [--user U --password P --share S]
if (args is [TargetsCommand.Name, .. var rest])
{
    return await TargetsCommand.RunAsync(rest);
}
if (args is [FamilyCommand.Name, .. var familyArguments])
{
    return await FamilyCommand.RunAsync(familyArguments);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
