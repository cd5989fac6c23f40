namespace Conformance.TestSuite.Results;

/// <summary>
/// Where a run writes its results, relative to the repository root (the folder holding Conformance.sln,
/// found above the suite's build output; the current directory otherwise): run files in reports/out
/// (CONFORMANCE_RESULTS_DIR), Allure results in reports/allure-results (ALLURE_RESULTS_DIR).
/// </summary>
public sealed record OutputLocations(string RunDirectory, string AllureDirectory, string TargetLabel, bool CaptureAll, bool KeepAllureResults)
{
    public static OutputLocations FromEnvironment(Func<string, string?> environment, string defaultLabel)
    {
        var root = RepositoryRoot();
        return new OutputLocations(
            NonEmpty(environment("CONFORMANCE_RESULTS_DIR")) ?? Path.Combine(root, "reports", "out"),
            NonEmpty(environment("ALLURE_RESULTS_DIR")) ?? Path.Combine(root, "reports", "allure-results"),
            NonEmpty(environment("CONFORMANCE_TARGET_LABEL")) ?? defaultLabel,
            environment("CONFORMANCE_CAPTURE_ALL") is "1" or "true",
            environment("ALLURE_KEEP_RESULTS") is "1" or "true");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conformance.sln")))
            {
                return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
