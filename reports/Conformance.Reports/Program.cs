using Conformance.Reports.Commands;

namespace Conformance.Reports;

/// <summary>
/// report: one self-contained HTML report (and its JSON) from one or more run files;
/// gate: exit 1 when a run's verdicts differ from the target's expectations;
/// expect: write a target's expectations file from a run.
/// </summary>
public static class Program
{
    public const string Usage = """
        usage:
          report [--out FILE.html] [--json FILE.json] [--expectations LABEL=FILE.tsv]... [--expectations-dir DIR] RUN.json|DIR...
              merges the runs (a later run of a scenario on a target replaces an earlier one) into one HTML file and its JSON;
              a target LABEL is compared with DIR/LABEL.tsv (default reports/expectations) unless given explicitly
          gate --expectations FILE.tsv RUN.json|DIR...
              exit 0 when every verdict is the expected one; exit 1 listing unexpected failures and passes
          expect --out FILE.tsv RUN.json|DIR...
              writes the expectations of the run's target from its verdicts, keeping the reasons and links of an existing FILE
        exit codes: 0 success, 1 gate failed, 2 usage or input error
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            var arguments = CommandLine.Parse(args.Skip(1));
            return args.FirstOrDefault() switch
            {
                "report" => ReportCommand.Run(arguments, output),
                "gate" => GateCommand.Run(arguments, output),
                "expect" => ExpectCommand.Run(arguments, output),
                "help" or "--help" or "-h" => Help(output),
                _ => throw new UsageException(args.Count == 0 ? "no command given" : $"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }
}
