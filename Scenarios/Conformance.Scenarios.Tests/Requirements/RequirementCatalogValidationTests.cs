using Conformance.Scenarios.Requirements;

namespace Conformance.Scenarios.Tests.Requirements;

/// <summary>Validation finds each kind of fault in a synthetic catalog.</summary>
public sealed class RequirementCatalogValidationTests
{
    private const string Header = "id\tclause\tlevel\ttestable\tsummary\tsource\tline";
    private const string Clauses = "clause\ttitle\tsource\n9.1\tFirst\tMS-SMB2.txt\n9.2\tSecond\tcurrent MS-SMB2\n";

    private static IReadOnlyList<string> Problems(params string[] rows) =>
        RequirementCatalog.Parse(Header + "\n" + string.Join("\n", rows) + "\n", Clauses).Validate();

    [Test]
    public void AWellFormedCatalogHasNoProblems() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\tdoes a\tMS-SMB2.txt\t10",
            "9.1#02\t9.1\tMAY\tno\tmay do b\tMS-SMB2.txt\t12",
            "9.1#N01\t9.1\tMUST NOT\tyes\tnever c\tcurrent MS-SMB2: 9.1 First\t"), Is.Empty);

    [Test]
    public void ADuplicateIdIsReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t10",
            "9.1#01\t9.1\tMUST\tyes\tb\tMS-SMB2.txt\t11"), Has.Some.Contains("appears twice"));

    [Test]
    public void AnIdOfAnotherClauseIsReported() =>
        Assert.That(Problems("9.2#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("names clause 9.2"));

    [Test]
    public void AnUnknownClauseIsReported() =>
        Assert.That(Problems("9.7#01\t9.7\tMUST\tyes\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("not in clauses.tsv"));

    [Test]
    public void AnUnknownLevelIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUSTN'T\tyes\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("is not MUST"));

    [Test]
    public void AGapInTheOrdinalsIsReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t10",
            "9.1#03\t9.1\tMUST\tyes\tb\tMS-SMB2.txt\t11"), Has.Some.Contains("expected 9.1#02"));

    [Test]
    public void ACurrentSpecStatementWithoutTheNOrdinalIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tyes\ta\tcurrent MS-SMB2: 9.1 First\t"), Has.Some.Contains("N ordinal"));

    [Test]
    public void ABaseStatementWithoutALineIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t"), Has.Some.Contains("line number"));

    [Test]
    public void LinesOutOfOrdinalOrderAreReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t20",
            "9.1#02\t9.1\tMUST\tyes\tb\tMS-SMB2.txt\t10"), Has.Some.Contains("do not follow the ordinals"));

    [Test]
    public void AShortRowIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST"), Has.Some.Contains("3 fields, expected 7"));

    [Test]
    public void ACitationOfAnUnknownIdIsReported()
    {
        var catalog = RequirementCatalog.Parse(Header + "\n9.1#01\t9.1\tMUST\tyes\ta\tMS-SMB2.txt\t10\n", Clauses);
        var method = typeof(RequirementCatalogValidationTests).GetMethod(nameof(ACitationOfAnUnknownIdIsReported))!;
        var scenarios = new[]
        {
            new ScenarioDescriptor("negotiate.Known", "negotiate", ["9.1"], ["9.1#01"], "", method),
            new ScenarioDescriptor("negotiate.Unknown", "negotiate", ["9.1"], ["9.1#01", "9.1#02"], "", method),
        };
        Assert.That(catalog.UnknownCitations(scenarios), Is.EqualTo(new[] { "negotiate.Unknown: 9.1#02" }));
    }
}
