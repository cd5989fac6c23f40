using Conformance.Reports.Model;

namespace Conformance.Reports.Commands;

/// <summary>"--name value" options (repeatable) and positional run files or directories.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> options = new(StringComparer.Ordinal);
    private readonly List<string> positional = [];

    public IReadOnlyList<string> Positional => positional;

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var line = new CommandLine();
        using var arguments = args.GetEnumerator();
        while (arguments.MoveNext())
        {
            var argument = arguments.Current;
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (!arguments.MoveNext())
                {
                    throw new UsageException($"{argument} needs a value");
                }
                if (!line.options.TryGetValue(argument, out var values))
                {
                    line.options[argument] = values = [];
                }
                values.Add(arguments.Current);
            }
            else
            {
                line.positional.Add(argument);
            }
        }
        return line;
    }

    public IReadOnlyList<string> All(string name) => options.TryGetValue(name, out var values) ? values : [];

    public string? Optional(string name) => All(name) switch
    {
        [] => null,
        [var value] => value,
        _ => throw new UsageException($"{name} is given more than once"),
    };

    public string Required(string name) => Optional(name) ?? throw new UsageException($"{name} is required");

    /// <summary>The run files named, a directory standing for every run-*.json in it; at least one.</summary>
    public IReadOnlyList<RunResult> Runs()
    {
        var files = positional.SelectMany<string, string>(path => Directory.Exists(path)
            ? Directory.GetFiles(path, "run-*.json").Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new UsageException($"no such run file or directory: {path}")).ToList();
        if (files.Count == 0)
        {
            throw new UsageException("no run file given (reports/out/run-<target>-<timestamp>.json)");
        }
        return files.Select(RunFile.Read).ToList();
    }

    /// <summary>The one target the runs are of.</summary>
    public RunSet.TargetRuns SingleTarget()
    {
        var set = RunSet.Merge(Runs());
        return set.Targets.Count == 1
            ? set.Targets.First()
            : throw new UsageException($"the runs are of {set.Targets.Count} targets ({string.Join(", ", set.Targets.Select(target => target.Label))}); give runs of one target");
    }
}
