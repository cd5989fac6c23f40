using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conformance.Adapters.Transport;
using Conformance.Reports;
using Conformance.Reports.Model;

namespace Conformance.TestSuite.Results;

/// <summary>
/// Allure results written by the suite itself (the allure-results format: one
/// <c>&lt;uuid&gt;-result.json</c> per scenario, attachments as <c>&lt;uuid&gt;-attachment.&lt;ext&gt;</c>, plus
/// <c>environment.properties</c> and <c>executor.json</c>). Each result carries the family as suite and
/// epic, each clause as feature, tag and "clause" label, each requirement id as story and "requirement" label, target and dialect, a
/// severity from the requirement level, one step per request/response exchange, the frames as text
/// and — for a failed or broken scenario, or every scenario with CONFORMANCE_CAPTURE_ALL=1 — a pcap.
/// </summary>
public sealed class AllureResultsWriter(string directory, TargetIdentity target, bool captureAll)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string Directory { get; } = directory;

    /// <summary>Creates the directory; removes the results of an earlier run unless <paramref name="keep"/>.</summary>
    public void Prepare(bool keep)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (keep)
        {
            return;
        }
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(file);
            if (name.Contains("-result.json", StringComparison.Ordinal) || name.Contains("-attachment", StringComparison.Ordinal) || name.Contains("-container.json", StringComparison.Ordinal)
                || name is "environment.properties" or "executor.json")
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Writes the scenario's result; returns the path of its capture when one was written.</summary>
    public string? Write(ScenarioResult result)
    {
        var uuid = Guid.NewGuid().ToString();
        var attachments = new List<object>();
        string? capture = null;
        if (result.Connections.Count > 0)
        {
            var frames = $"{uuid}-attachment.txt";
            File.WriteAllText(Path.Combine(Directory, frames), FrameText.Lines(result.Connections) + "\n" + string.Join("\n", result.Connections.Select(FrameText.Hex)));
            attachments.Add(new { name = "frames", source = frames, type = "text/plain" });
            if (captureAll || result.Verdict is Verdict.Failed or Verdict.Broken)
            {
                var pcap = $"{uuid}-attachment.pcap";
                capture = Path.Combine(Directory, pcap);
                File.WriteAllBytes(capture, PcapWriter.ToBytes(ScenarioResultCapture.Streams(result)));
                attachments.Add(new { name = "capture (pcap, port 445)", source = pcap, type = "application/vnd.tcpdump.pcap" });
            }
        }
        var document = new
        {
            uuid,
            historyId = Hash($"{target.Label}/{result.Id}"),
            testCaseId = Hash(result.Id),
            name = result.Title.Length > 0 ? $"{result.Id}: {result.Title}" : result.Id,
            fullName = $"{target.Label}/{result.Id}",
            titlePath = new[] { target.Label, result.Family },
            status = Status(result.Verdict),
            statusDetails = StatusDetails(result),
            stage = "finished",
            description = Description(result),
            start = result.Start.ToUnixTimeMilliseconds(),
            stop = result.Stop.ToUnixTimeMilliseconds(),
            labels = Labels(result),
            links = Array.Empty<object>(),
            parameters = Array.Empty<object>(),
            steps = Steps(result),
            attachments,
        };
        File.WriteAllText(Path.Combine(Directory, $"{uuid}-result.json"), JsonSerializer.Serialize(document, Json));
        return capture;
    }

    /// <summary>environment.properties and executor.json: what the target is and what ran against it.</summary>
    public void WriteEnvironment(DateTimeOffset started)
    {
        var properties = new (string Key, string Value)[]
        {
            ("target.label", target.Label),
            ("target.name", target.Name),
            ("target.address", $"{target.Host}:{target.Port}"),
            ("target.share", target.Share),
            ("target.reference_server", target.IsReferenceServer ? "yes" : "no"),
            ("target.dialects", string.Join(", ", target.Dialects)),
            ("target.highest_dialect", target.HighestDialect ?? ""),
            ("target.ciphers", string.Join(", ", target.Ciphers)),
            ("target.signing_algorithms", string.Join(", ", target.SigningAlgorithms)),
            ("target.server_guid", target.ServerGuid ?? ""),
            ("run.started", started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
        };
        File.WriteAllText(Path.Combine(Directory, "environment.properties"),
            string.Concat(properties.Select(property => $"{property.Key} = {Escape(property.Value)}\n")));
        var executor = new
        {
            name = "SMB2 conformance suite",
            type = "dotnet-test",
            buildName = $"{target.Label} {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z",
            reportName = $"SMB2 conformance: {target.Label}",
        };
        File.WriteAllText(Path.Combine(Directory, "executor.json"), JsonSerializer.Serialize(executor, Json));
    }

    public static string Status(Verdict verdict) => verdict switch
    {
        Verdict.Passed => "passed",
        Verdict.Failed => "failed",
        Verdict.Broken => "broken",
        _ => "skipped",
    };

    private object? StatusDetails(ScenarioResult result) => result.Verdict switch
    {
        Verdict.Passed => null,
        Verdict.Failed when result.Failure is { } failure => (object)new
        {
            message = $"MS-SMB2 {failure.Clause}{(failure.Requirement is null ? "" : $" [{failure.Requirement}]")}: {failure.Subject}\nexpected: {failure.Expected}\nactual:   {failure.Actual}",
            trace = result.Message,
        },
        Verdict.Broken => new { message = result.Message, trace = result.Trace },
        _ => new { message = result.Message },
    };

    private static string Description(ScenarioResult result)
    {
        var text = new StringBuilder();
        if (result.Title.Length > 0)
        {
            text.Append(result.Title).Append("\n\n");
        }
        foreach (var clause in result.Clauses)
        {
            text.Append("- MS-SMB2 ").Append(clause).Append(' ').Append(ClauseTitles.Of(clause)).Append('\n');
        }
        foreach (var observation in result.Observations)
        {
            text.Append("\nObserved: ").Append(observation);
        }
        return text.ToString();
    }

    private List<object> Labels(ScenarioResult result)
    {
        var labels = new List<object>
        {
            Label("parentSuite", target.Label),
            Label("suite", result.Family),
            // Allure's behaviours tree: epic = family, feature = clause, story = requirement.
            Label("epic", result.Family),
            Label("target", target.Label),
            Label("host", target.Name),
            Label("severity", AllureSeverity.Of(result.Requirements)),
            Label("framework", "nunit"),
            Label("language", "csharp"),
        };
        if (result.Dialect is { } dialect)
        {
            labels.Add(Label("dialect", dialect));
        }
        foreach (var clause in result.Clauses)
        {
            labels.Add(Label("feature", $"{clause} {ClauseTitles.Of(clause)}".Trim()));
            labels.Add(Label("tag", clause));
            labels.Add(Label("clause", clause));
        }
        foreach (var requirement in result.Requirements)
        {
            labels.Add(Label("requirement", requirement));
            labels.Add(Label("story", requirement));
        }
        return labels;
    }

    private static List<object> Steps(ScenarioResult result)
    {
        var steps = ExchangeSteps.Of(result).Select(step => (object)new
        {
            name = step.Name,
            status = "passed",
            stage = "finished",
            start = step.Start.ToUnixTimeMilliseconds(),
            stop = step.Stop.ToUnixTimeMilliseconds(),
            steps = Array.Empty<object>(),
            attachments = Array.Empty<object>(),
            parameters = Array.Empty<object>(),
        }).ToList();
        if (result.Failure is { } failure)
        {
            steps.Add(new
            {
                name = $"check MS-SMB2 {failure.Clause}: {failure.Subject}",
                status = "failed",
                statusDetails = new { message = $"expected: {failure.Expected}\nactual:   {failure.Actual}" },
                stage = "finished",
                start = result.Stop.ToUnixTimeMilliseconds(),
                stop = result.Stop.ToUnixTimeMilliseconds(),
                steps = Array.Empty<object>(),
                attachments = Array.Empty<object>(),
                parameters = Array.Empty<object>(),
            });
        }
        return steps;
    }

    private static object Label(string name, string value) => new { name, value };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    /// <summary>Java properties escaping of a value: backslash, and the line breaks that would end it.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
