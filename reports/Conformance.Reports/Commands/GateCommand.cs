using Conformance.Reports.Expectations;

namespace Conformance.Reports.Commands;

/// <summary>gate: 0 when the run's verdicts are the expected ones, 1 listing every unexpected failure, pass or inconclusive.</summary>
public static class GateCommand
{
    public static int Run(CommandLine arguments, TextWriter output)
    {
        var file = arguments.Required("--expectations");
        var target = arguments.SingleTarget();
        var comparison = ExpectationComparison.Compare(target.Scenarios, ExpectationsFile.Read(file));

        output.WriteLine($"gate {target.Label}: {target.Scenarios.Count} scenario(s) against {file}");
        foreach (var deviation in comparison.UnexpectedFailures)
        {
            output.WriteLine($"  UNEXPECTED FAILURE  {deviation}");
            if (deviation.Message is { Length: > 0 } message)
            {
                output.WriteLine($"                      {message}");
            }
        }
        foreach (var deviation in comparison.UnexpectedPasses)
        {
            output.WriteLine($"  UNEXPECTED PASS     {deviation} — update the expectations");
        }
        foreach (var deviation in comparison.UnexpectedInconclusives)
        {
            output.WriteLine($"  UNEXPECTED INCONCLUSIVE  {deviation}");
            if (deviation.Message is { Length: > 0 } message)
            {
                output.WriteLine($"                      {message}");
            }
        }
        if (comparison.Unlisted.Count > 0)
        {
            output.WriteLine($"  not in the expectations (expected to pass): {string.Join(", ", comparison.Unlisted)}");
        }
        if (comparison.NotRun.Count > 0)
        {
            output.WriteLine($"  listed but not run: {string.Join(", ", comparison.NotRun)}");
        }
        if (comparison.Matches)
        {
            output.WriteLine("gate passed: every verdict is as expected");
            return 0;
        }
        output.WriteLine($"gate FAILED: {comparison.UnexpectedFailures.Count()} unexpected failure(s), {comparison.UnexpectedPasses.Count()} unexpected pass(es), {comparison.UnexpectedInconclusives.Count()} unexpected inconclusive");
        return 1;
    }
}
