using Conformance.Scenarios.Requirements;

namespace Conformance.Scenarios.Tests.Requirements;

/// <summary>Coverage counts only testable MUST/MUST NOT statements, per clause and overall.</summary>
public sealed class RequirementCoverageTests
{
    private static readonly RequirementCatalog Synthetic = RequirementCatalog.Parse(
        """
        id	clause	level	testable	reason	summary	source	line
        9.1#01	9.1	MUST	yes		a	MS-SMB2.txt	10
        9.1#02	9.1	MUST NOT	yes		b	MS-SMB2.txt	11
        9.1#03	9.1	SHOULD	yes		c	MS-SMB2.txt	12
        9.1#04	9.1	MUST	no	internal state: a counter	d	MS-SMB2.txt	13
        9.1#N01	9.1	MUST	yes		e	current MS-SMB2: 9.1 First	
        9.2#01	9.2	MUST	yes		f	MS-SMB2.txt	20
        9.3#01	9.3	MAY	yes		g	MS-SMB2.txt	30
        9.3#02	9.3	MUST NOT	no	client duty	h	MS-SMB2.txt	31
        9.3#03	9.3	MAY	no	implementation choice	i	MS-SMB2.txt	32

        """,
        "clause\ttitle\tsource\n9.1\tFirst\tMS-SMB2.txt\n9.2\tSecond\tMS-SMB2.txt\n9.3\tThird\tMS-SMB2.txt\n");

    [Test]
    public void TheSyntheticCatalogIsValid() =>
        Assert.That(Synthetic.Validate(), Is.Empty);

    [Test]
    public void OnlyTestableMandatoryStatementsCount()
    {
        // 9.1#03 (SHOULD) and 9.1#04 (not testable) are cited but do not count; 9.9#01 is unknown.
        var coverage = RequirementCoverage.Compute(Synthetic, ["9.1#01", "9.1#03", "9.1#04", "9.1#N01", "9.9#01"], ["9.1", "9.2", "9.3"]);
        var first = coverage.Clauses[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Statements, Is.EqualTo(5));
            Assert.That(first.TestableMandatory, Is.EqualTo(3));
            Assert.That(first.Covered, Is.EqualTo(new[] { "9.1#01", "9.1#N01" }));
            Assert.That(first.Percentage, Is.EqualTo(200.0 / 3).Within(1e-9));
            Assert.That(coverage.Clauses[1].Covered, Is.Empty);
            Assert.That(coverage.Clauses[1].Percentage, Is.EqualTo(0.0));
            Assert.That(coverage.Clauses[2].TestableMandatory, Is.Zero);
            Assert.That(coverage.Clauses[2].Percentage, Is.Null);
            Assert.That(coverage.TestableMandatory, Is.EqualTo(4));
            Assert.That(coverage.Covered, Is.EqualTo(2));
            Assert.That(coverage.Percentage, Is.EqualTo(50.0));
        });
    }

    [Test]
    public void UntestableMandatoryStatementsAreCountedByReason()
    {
        // 9.1#04 (internal state) and 9.3#02 (client duty) are MUST / MUST NOT; 9.3#03 is a MAY and does not count.
        var coverage = RequirementCoverage.Compute(Synthetic, ["9.1#01"], ["9.1", "9.2", "9.3"]);
        Assert.Multiple(() =>
        {
            Assert.That(coverage.Untestable, Is.EqualTo(2));
            Assert.That(coverage.UntestableByKind, Is.EqualTo(new[] { (UntestableKind.InternalState, 1), (UntestableKind.ClientDuty, 1) }));
            Assert.That(coverage.Clauses[0].UntestableMandatory.Select(requirement => requirement.Id), Is.EqualTo(new[] { "9.1#04" }));
            Assert.That(coverage.Clauses[2].UntestableMandatory.Select(requirement => requirement.Id), Is.EqualTo(new[] { "9.3#02" }));
            Assert.That(coverage.DescribeUntestable(), Is.EqualTo("1 internal state, 1 client duty"));
        });
    }

    [Test]
    public void TheLineStatesTheFigureAndTheUntestableStatementsByReason()
    {
        Assert.That(RequirementCoverage.Compute(Synthetic, ["9.1#01", "9.1#N01"], ["9.1", "9.2", "9.3"]).ToString(),
            Is.EqualTo("2/4 testable MUST statements (50.0%); 2 judged untestable: 1 internal state, 1 client duty"));
        Assert.That(RequirementCoverage.Compute(Synthetic, ["9.2#01"], ["9.2"]).ToString(),
            Is.EqualTo("1/1 testable MUST statements (100.0%); 0 judged untestable"));
    }

    [Test]
    public void ACitationByTwoScenariosCountsOnce()
    {
        var coverage = RequirementCoverage.Compute(Synthetic, ["9.2#01", "9.2#01"], ["9.2"]);
        Assert.That(coverage.Covered, Is.EqualTo(1));
        Assert.That(coverage.Percentage, Is.EqualTo(100.0));
    }

    [Test]
    public void TheTableShowsEachClauseAndTheTotal()
    {
        var table = RequirementCoverage.Compute(Synthetic, ["9.1#01"], ["9.1", "9.3"]).ToTable();
        var lines = table.TrimEnd().Split(Environment.NewLine);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[1], Does.StartWith("9.1").And.Contains("33.3").And.EndsWith("First"));
        Assert.That(lines[2], Does.StartWith("9.3").And.Contains(" - ").And.EndsWith("Third"));
        Assert.That(lines[3], Does.StartWith("total").And.Contains("33.3"));
        Assert.That(lines[2], Does.Contain(" - ").And.Match(@"\s1\s+Third$"), "9.3 has one MUST NOT judged untestable");
    }

    [Test]
    public void TheShippedScenariosHaveAFigure()
    {
        var coverage = RequirementCoverage.Compute(RequirementCatalog.Default, ScenarioCatalog.All);
        TestContext.Out.WriteLine(coverage.ToTable());
        Assert.That(coverage.Clauses.Select(row => row.Clause), Is.EqualTo(RequirementScope.AllClauses));
        Assert.That(coverage.TestableMandatory, Is.EqualTo(RequirementCatalog.Default.All.Count(requirement => requirement.Testable && requirement.Level.IsMandatory())));
        Assert.That(coverage.Covered, Is.GreaterThan(0), "the negotiate scenarios cite requirements");
        Assert.That(coverage.Untestable, Is.EqualTo(RequirementCatalog.Default.All.Count(requirement => !requirement.Testable && requirement.Level.IsMandatory())));
        Assert.That(coverage.UntestableByKind.Sum(entry => entry.Count), Is.EqualTo(coverage.Untestable), "every untestable MUST statement has a reason");
        // The line every run prints (RunProgress): the figure, then the denominator's untestable part by reason.
        Assert.That(coverage.ToString(), Does.Match(@"^\d+/\d+ testable MUST statements \(\d+\.\d%\); \d+ judged untestable: \d+ internal state(, \d+ [a-z ]+)*$"));
        TestContext.Out.WriteLine(coverage);
    }
}
