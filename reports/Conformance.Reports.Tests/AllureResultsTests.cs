using System.Text.Json;
using Conformance.Reports.Model;
using Conformance.TestSuite.Results;
using static Conformance.Reports.Tests.SyntheticRuns;

namespace Conformance.Reports.Tests;

/// <summary>The suite's Allure results, checked against the allure-results test result file format.</summary>
public class AllureResultsTests
{
    private static readonly string[] Statuses = ["passed", "failed", "broken", "skipped", "unknown"];
    private static readonly string[] Severities = ["blocker", "critical", "normal", "minor", "trivial"];

    private static Dictionary<string, JsonElement> Write(TempDirectory directory, bool captureAll, params ScenarioResult[] results)
    {
        var target = Run("samba-4.17", Origin).Target with { Label = "samba-4.17", ServerGuid = "5e1f0000-0000-0000-0000-000000000001" };
        var writer = new AllureResultsWriter(directory.Path, target, captureAll);
        writer.Prepare(keep: false);
        writer.WriteEnvironment(Origin);
        foreach (var result in results)
        {
            writer.Write(result);
        }
        return Directory.GetFiles(directory.Path, "*-result.json").Select(path =>
        {
            var document = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
            Assert.That(Path.GetFileName(path), Is.EqualTo(document.GetProperty("uuid").GetString() + "-result.json"), "file named by its uuid");
            return document;
        }).ToDictionary(document => document.GetProperty("fullName").GetString()!.Split('/')[1]);
    }

    [Test]
    public void EveryResultHasTheFieldsOfTheFormat()
    {
        using var directory = new TempDirectory();
        var results = Write(directory, false,
            Scenario("negotiate.A", Verdict.Passed, ["3.3.5.4"], withFrames: true),
            Scenario("negotiate.B", Verdict.Failed, ["3.3.5.4", "3.3.5.5"], withFrames: true),
            Scenario("negotiate.C", Verdict.Inconclusive, ["3.3.5.4"]),
            Scenario("negotiate.D", Verdict.Broken, ["3.3.5.4"]));

        Assert.That(results.Keys, Is.EquivalentTo(new[] { "negotiate.A", "negotiate.B", "negotiate.C", "negotiate.D" }));
        foreach (var (id, result) in results)
        {
            Assert.That(Guid.TryParse(result.GetProperty("uuid").GetString(), out _), Is.True, id);
            Assert.That(result.GetProperty("historyId").GetString(), Has.Length.GreaterThan(0), id);
            Assert.That(result.GetProperty("name").GetString(), Does.StartWith(id));
            Assert.That(result.GetProperty("fullName").GetString(), Is.EqualTo($"samba-4.17/{id}"));
            Assert.That(Statuses, Does.Contain(result.GetProperty("status").GetString()), id);
            Assert.That(result.GetProperty("stage").GetString(), Is.EqualTo("finished"));
            Assert.That(result.GetProperty("stop").GetInt64(), Is.GreaterThanOrEqualTo(result.GetProperty("start").GetInt64()));
            foreach (var label in result.GetProperty("labels").EnumerateArray())
            {
                Assert.That(label.EnumerateObject().Select(property => property.Name), Is.EquivalentTo(new[] { "name", "value" }), id);
                Assert.That(label.GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.String), id);
            }
            Assert.That(Severities, Does.Contain(Label(result, "severity").Single()), id);
            foreach (var attachment in result.GetProperty("attachments").EnumerateArray())
            {
                Assert.That(File.Exists(Path.Combine(directory.Path, attachment.GetProperty("source").GetString()!)), Is.True, $"{id}: attachment file");
                Assert.That(attachment.GetProperty("type").GetString(), Does.Contain('/'), id);
            }
        }
        Assert.That(results.ToDictionary(pair => pair.Key, pair => pair.Value.GetProperty("status").GetString()), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["negotiate.A"] = "passed",
            ["negotiate.B"] = "failed",
            ["negotiate.C"] = "skipped",
            ["negotiate.D"] = "broken",
        }));
    }

    [Test]
    public void FailedResultCarriesClauseLabelsStepsAndCapture()
    {
        using var directory = new TempDirectory();
        var failed = Write(directory, false, Scenario("negotiate.B", Verdict.Failed, ["3.3.5.4", "3.3.5.5"], withFrames: true, requirements: ["3.3.5.4#01", "3.3.5.5#02"]))["negotiate.B"];

        Assert.That(Label(failed, "suite"), Is.EqualTo(new[] { "negotiate" }));
        Assert.That(Label(failed, "epic"), Is.EqualTo(new[] { "negotiate" }), "Allure's behaviours group by family first");
        Assert.That(Label(failed, "clause"), Is.EqualTo(new[] { "3.3.5.4", "3.3.5.5" }));
        Assert.That(Label(failed, "feature"), Is.EqualTo(new[] { "3.3.5.4 Receiving an SMB2 NEGOTIATE Request", "3.3.5.5 Receiving an SMB2 SESSION_SETUP Request" }));
        Assert.That(Label(failed, "story"), Is.EqualTo(new[] { "3.3.5.4#01", "3.3.5.5#02" }));
        Assert.That(Label(failed, "target"), Is.EqualTo(new[] { "samba-4.17" }));
        Assert.That(Label(failed, "dialect"), Is.EqualTo(new[] { "3.1.1" }));
        var details = failed.GetProperty("statusDetails");
        Assert.That(details.GetProperty("message").GetString(), Is.EqualTo("MS-SMB2 3.3.5.4: DialectRevision\nexpected: 3.1.1\nactual:   2.0.2"));
        Assert.That(failed.GetProperty("steps").EnumerateArray().Select(step => (step.GetProperty("name").GetString(), step.GetProperty("status").GetString())), Is.EqualTo(new[]
        {
            ("C Negotiate MID=0 → R Negotiate STATUS_SUCCESS", "passed"),
            ("check MS-SMB2 3.3.5.4: DialectRevision", "failed"),
        }));
        var attachments = failed.GetProperty("attachments").EnumerateArray().ToDictionary(attachment => attachment.GetProperty("type").GetString()!, attachment => attachment.GetProperty("source").GetString()!);
        Assert.That(attachments.Keys, Is.EquivalentTo(new[] { "text/plain", "application/vnd.tcpdump.pcap" }));
        var pcap = File.ReadAllBytes(Path.Combine(directory.Path, attachments["application/vnd.tcpdump.pcap"]));
        Assert.That(Convert.ToHexString(pcap, 0, 4), Is.EqualTo("D4C3B2A1"), "libpcap magic");
        Assert.That(File.ReadAllText(Path.Combine(directory.Path, attachments["text/plain"])), Does.Contain("C->S").And.Contain("C Negotiate MID=0"));
    }

    [Test]
    public void CaptureOnlyForFailuresUnlessAllAreAsked()
    {
        using var some = new TempDirectory();
        using var all = new TempDirectory();
        var passed = Scenario("negotiate.A", Verdict.Passed, ["3.3.5.4"], withFrames: true);

        Write(some, captureAll: false, passed);
        Write(all, captureAll: true, passed);

        Assert.That(Directory.GetFiles(some.Path, "*.pcap"), Is.Empty);
        Assert.That(Directory.GetFiles(all.Path, "*.pcap"), Has.Length.EqualTo(1));
    }

    [Test]
    public void EnvironmentAndExecutorNameTheTarget()
    {
        using var directory = new TempDirectory();
        Write(directory, false);

        var properties = File.ReadAllLines(Path.Combine(directory.Path, "environment.properties"));
        Assert.That(properties, Has.All.Match(@"^[a-z_.]+ = "));
        Assert.That(properties, Does.Contain("target.label = samba-4.17").And.Contain("target.server_guid = 5e1f0000-0000-0000-0000-000000000001"));
        var executor = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.Path, "executor.json"))).RootElement;
        Assert.That(executor.GetProperty("name").GetString(), Is.EqualTo("SMB2 conformance suite"));
        Assert.That(executor.GetProperty("reportName").GetString(), Does.Contain("samba-4.17"));
    }

    [Test]
    public void HistoryIdIsStableAcrossRunsUuidIsNot()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var scenario = Scenario("negotiate.A", Verdict.Passed, ["3.3.5.4"]);

        var one = Write(first, false, scenario)["negotiate.A"];
        var two = Write(second, false, scenario)["negotiate.A"];

        Assert.That(one.GetProperty("historyId").GetString(), Is.EqualTo(two.GetProperty("historyId").GetString()));
        Assert.That(one.GetProperty("uuid").GetString(), Is.Not.EqualTo(two.GetProperty("uuid").GetString()));
    }

    private static string[] Label(JsonElement result, string name) =>
        result.GetProperty("labels").EnumerateArray().Where(label => label.GetProperty("name").GetString() == name).Select(label => label.GetProperty("value").GetString()!).ToArray();
}
