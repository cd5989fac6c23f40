using Conformance.Reports.Model;
using static Conformance.Reports.Tests.SyntheticRuns;

namespace Conformance.Reports.Tests;

public class GateTests
{
    private static readonly string[] Negotiate = ["3.3.5.4"];

    private static string Expectations(TempDirectory directory, string text)
    {
        var path = directory.File("samba.tsv");
        File.WriteAllText(path, "# comment\nscenario\texpected\treason\tlink\n" + text);
        return path;
    }

    private static (int ExitCode, string Output) Gate(string expectations, string run)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(["gate", "--expectations", expectations, run], output, error);
        return (code, output + error.ToString());
    }

    [Test]
    public void MatchingRunPasses()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin,
            Scenario("negotiate.A", Verdict.Passed, Negotiate),
            Scenario("negotiate.B", Verdict.Failed, Negotiate)));
        var expectations = Expectations(directory, "negotiate.A\tpassed\t\t\nnegotiate.B\tfailed\tknown Samba deviation\tbug 123\n");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("gate passed"));
    }

    [Test]
    public void UnexpectedFailureExitsNonZeroNamingTheScenario()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin,
            Scenario("negotiate.A", Verdict.Failed, Negotiate),
            Scenario("negotiate.B", Verdict.Passed, Negotiate)));
        var expectations = Expectations(directory, "negotiate.A\tpassed\t\t\nnegotiate.B\tpassed\t\t\n");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("UNEXPECTED FAILURE  negotiate.A: expected passed, got failed"));
        Assert.That(output, Does.Not.Contain("negotiate.B:"));
    }

    [Test]
    public void UnexpectedPassExitsNonZeroNamingTheScenario()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin, Scenario("negotiate.B", Verdict.Passed, Negotiate)));
        var expectations = Expectations(directory, "negotiate.B\tfailed\tknown Samba deviation\tbug 123\n");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("UNEXPECTED PASS     negotiate.B: expected failed, got passed (expectation: known Samba deviation, bug 123)"));
    }

    [Test]
    public void BrokenWhereFailureIsExpectedIsAnUnexpectedFailure()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin, Scenario("negotiate.B", Verdict.Broken, Negotiate)));
        var expectations = Expectations(directory, "negotiate.B\tfailed\t\t\n");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("UNEXPECTED FAILURE  negotiate.B: expected failed, got broken"));
    }

    [Test]
    public void UnlistedScenarioIsExpectedToPass()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin, Scenario("negotiate.New", Verdict.Failed, Negotiate)));
        var expectations = Expectations(directory, "");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("UNEXPECTED FAILURE  negotiate.New: expected passed, got failed"));
    }

    [Test]
    public void LaterRunOfAScenarioReplacesTheEarlierOne()
    {
        using var directory = new TempDirectory();
        directory.Write(Run("samba", Origin, Scenario("negotiate.A", Verdict.Failed, Negotiate)));
        directory.Write(Run("samba", Origin.AddHours(1), Scenario("negotiate.A", Verdict.Passed, Negotiate)));
        var expectations = Expectations(directory, "negotiate.A\tpassed\t\t\n");

        var (code, output) = Gate(expectations, directory.Path);

        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void MalformedExpectationLineIsAnInputError()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin, Scenario("negotiate.A", Verdict.Passed, Negotiate)));
        var expectations = Expectations(directory, "negotiate.A\tgreen\n");

        var (code, output) = Gate(expectations, run);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("samba.tsv:3"));
    }

    [Test]
    public void ExpectWritesEveryVerdictAndKeepsReasonsOfUnchangedOnes()
    {
        using var directory = new TempDirectory();
        var run = directory.Write(Run("samba", Origin,
            Scenario("negotiate.A", Verdict.Passed, Negotiate),
            Scenario("negotiate.B", Verdict.Failed, Negotiate),
            Scenario("negotiate.C", Verdict.Inconclusive, Negotiate)));
        var path = Expectations(directory, "negotiate.B\tfailed\tknown deviation\tbug 7\nnegotiate.C\tfailed\tstale reason\t\nnegotiate.Gone\tfailed\tnot run\t\n");

        var code = Program.Run(["expect", "--out", path, run], TextWriter.Null, TextWriter.Null);

        Assert.That(code, Is.Zero);
        Assert.That(File.ReadAllLines(path).Where(line => !line.StartsWith('#')), Is.EqualTo(new[]
        {
            "scenario\texpected\treason\tlink",
            "negotiate.A\tpassed\t\t",
            "negotiate.B\tfailed\tknown deviation\tbug 7",
            "negotiate.C\tinconclusive\t\t",
            "negotiate.Gone\tfailed\tnot run\t",
        }));
        var (gateCode, output) = Gate(path, run);
        Assert.That(gateCode, Is.Zero, output);
    }
}
