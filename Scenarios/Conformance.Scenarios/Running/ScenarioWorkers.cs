using System.Globalization;

namespace Conformance.Scenarios.Running;

/// <summary>
/// How many scenarios a run lets run at once: Workers in runsettings.xml or SMB_SUITE_WORKERS (the
/// environment first), 1 for a serial run; by default twice the processor count.
/// </summary>
public static class ScenarioWorkers
{
    public const string Parameter = "Workers";
    public const string Variable = "SMB_SUITE_WORKERS";

    public static int Default => Math.Min(ScenarioScheduler.MaxWorkers, 2 * Environment.ProcessorCount);

    public static int Read(Func<string, string?> runParameter, Func<string, string?> environment)
    {
        var text = NonEmpty(environment(Variable)) ?? NonEmpty(runParameter(Parameter));
        if (text is null)
        {
            return Default;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) && workers is >= 1 and <= ScenarioScheduler.MaxWorkers
            ? workers
            : throw new ConfigurationException($"{Parameter} ({Variable}) is '{text}': expected a whole number from 1 (a serial run) to {ScenarioScheduler.MaxWorkers}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
