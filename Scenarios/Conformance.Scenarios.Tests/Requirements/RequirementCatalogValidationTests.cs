using Conformance.Scenarios.Requirements;

namespace Conformance.Scenarios.Tests.Requirements;

/// <summary>Validation finds each kind of fault in a synthetic catalog.</summary>
public sealed class RequirementCatalogValidationTests
{
    private const string Header = "id\tclause\tlevel\ttestable\treason\tsummary\tsource\tline";
    private const string Clauses = "clause\ttitle\tsource\n9.1\tFirst\tMS-SMB2.txt\n9.2\tSecond\tcurrent MS-SMB2\n";

    private static IReadOnlyList<string> Problems(params string[] rows) =>
        RequirementCatalog.Parse(Header + "\n" + string.Join("\n", rows) + "\n", Clauses).Validate();

    [Test]
    public void AWellFormedCatalogHasNoProblems() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\t\tdoes a\tMS-SMB2.txt\t10",
            "9.1#02\t9.1\tMAY\tno\timplementation choice: any answer will do\tmay do b\tMS-SMB2.txt\t12",
            "9.1#N01\t9.1\tMUST NOT\tyes\t\tnever c\tcurrent MS-SMB2: 9.1 First\t"), Is.Empty);

    [Test]
    public void ADuplicateIdIsReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t10",
            "9.1#01\t9.1\tMUST\tyes\t\tb\tMS-SMB2.txt\t11"), Has.Some.Contains("appears twice"));

    [Test]
    public void AnIdOfAnotherClauseIsReported() =>
        Assert.That(Problems("9.2#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("names clause 9.2"));

    [Test]
    public void AnUnknownClauseIsReported() =>
        Assert.That(Problems("9.7#01\t9.7\tMUST\tyes\t\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("not in clauses.tsv"));

    [Test]
    public void AnUnknownLevelIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUSTN'T\tyes\t\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("is not MUST"));

    [Test]
    public void AGapInTheOrdinalsIsReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t10",
            "9.1#03\t9.1\tMUST\tyes\t\tb\tMS-SMB2.txt\t11"), Has.Some.Contains("expected 9.1#02"));

    [Test]
    public void AClauseInScopeInPartListsExactlyItsOrdinals()
    {
        var partial = RequirementScope.PartialClauses["3.3.5.9"];
        var rows = partial.Select((ordinal, index) => $"3.3.5.9#{ordinal:00}\t3.3.5.9\tMUST\tyes\t\ts\tMS-SMB2.txt\t{100 + index}").ToArray();
        Assert.That(PartialProblems(rows), Is.Empty);
        Assert.That(PartialProblems(rows[..^1]), Has.Some.Contains("in scope are statements"));
        rows[0] = rows[0].Replace($"3.3.5.9#{partial[0]:00}", "3.3.5.9#01", StringComparison.Ordinal);
        Assert.That(PartialProblems(rows), Has.Some.Contains($"expected 3.3.5.9#{partial[0]:00}"));
    }

    private static IReadOnlyList<string> PartialProblems(string[] rows) =>
        RequirementCatalog.Parse(Header + "\n" + string.Join("\n", rows) + "\n", "clause\ttitle\tsource\n3.3.5.9\tCreate\tMS-SMB2.txt\n").Validate();

    [Test]
    public void ACurrentSpecStatementWithoutTheNOrdinalIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tyes\t\ta\tcurrent MS-SMB2: 9.1 First\t"), Has.Some.Contains("N ordinal"));

    [Test]
    public void ABaseStatementWithoutALineIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t"), Has.Some.Contains("line number"));

    [Test]
    public void LinesOutOfOrdinalOrderAreReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t20",
            "9.1#02\t9.1\tMUST\tyes\t\tb\tMS-SMB2.txt\t10"), Has.Some.Contains("do not follow the ordinals"));

    [Test]
    public void AShortRowIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST"), Has.Some.Contains("3 fields, expected 8"));

    [Test]
    public void AnUntestableStatementWithoutAReasonIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tno\t\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("9.1#01 is marked untestable: an untestable statement needs a reason"));

    [Test]
    public void AReasonOutsideTheVocabularyIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tno\ttoo hard: needs a lab\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("reason \"too hard\" is none of"));

    [Test]
    public void ATestableStatementWithAReasonIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tyes\tinternal state\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("is testable and takes no reason"));

    [TestCase("internal state: a counter", UntestableKind.InternalState, null, "a counter")]
    [TestCase("client duty", UntestableKind.ClientDuty, null, "")]
    [TestCase("implementation choice: any answer conforms", UntestableKind.ImplementationChoice, null, "any answer conforms")]
    [TestCase("superseded by 9.1#N01: the 3.1.1 rule", UntestableKind.SupersededBy, "9.1#N01", "the 3.1.1 rule")]
    [TestCase("needs a second server clock", UntestableKind.Needs, "a second server clock", "")]
    public void EachWordOfTheVocabularyIsRead(string text, UntestableKind kind, string? subject, string note)
    {
        Assert.That(UntestableReason.TryParse(text, out var reason, out var problem), Is.True, problem);
        Assert.That(reason, Is.EqualTo(new UntestableReason(kind, subject, note)));
        Assert.That(reason!.ToString(), Is.EqualTo(text));
    }

    [TestCase("superseded by: nothing")]
    [TestCase("superseded by 3.3.5.4")]
    [TestCase("needs")]
    [TestCase("internal")]
    [TestCase("")]
    public void TextOutsideTheVocabularyIsNotAReason(string text) =>
        Assert.That(UntestableReason.TryParse(text, out _, out _), Is.False);

    [Test]
    public void ASupersessionByAnUnknownIdIsReported() =>
        Assert.That(Problems("9.1#01\t9.1\tMUST\tno\tsuperseded by 9.1#N07\ta\tMS-SMB2.txt\t10"), Has.Some.Contains("superseded by 9.1#N07, which the catalog does not hold"));

    [Test]
    public void ASupersessionByAnUntestableStatementIsReported() =>
        Assert.That(Problems(
            "9.1#01\t9.1\tMUST\tno\tsuperseded by 9.1#N01\ta\tMS-SMB2.txt\t10",
            "9.1#N01\t9.1\tMUST\tno\tinternal state\tb\tcurrent MS-SMB2: 9.1 First\t"), Has.Some.Contains("which is itself marked untestable"));

    [Test]
    public void ASupersessionWhoseReplacementNoScenarioCitesIsReported()
    {
        var catalog = RequirementCatalog.Parse(Header + "\n" +
            "9.1#01\t9.1\tMUST\tno\tsuperseded by 9.1#N01: the 3.1.1 text\ta\tMS-SMB2.txt\t10\n" +
            "9.1#N01\t9.1\tMUST\tyes\t\tb\tcurrent MS-SMB2: 9.1 First\t\n", Clauses);
        var method = typeof(RequirementCatalogValidationTests).GetMethod(nameof(ASupersessionWhoseReplacementNoScenarioCitesIsReported))!;
        Assert.That(catalog.Validate(), Is.Empty);
        Assert.That(catalog.UncitedSupersessions([new ScenarioDescriptor("negotiate.Other", "negotiate", ["9.1"], ["9.1#01"], "", method)]),
            Is.EqualTo(new[] { "9.1#01: superseded by 9.1#N01, which no scenario cites" }));
        Assert.That(catalog.UncitedSupersessions([new ScenarioDescriptor("negotiate.Newer", "negotiate", ["9.1"], ["9.1#N01"], "", method)]), Is.Empty);
    }

    [Test]
    public void ACitationOfAnUnknownIdIsReported()
    {
        var catalog = RequirementCatalog.Parse(Header + "\n9.1#01\t9.1\tMUST\tyes\t\ta\tMS-SMB2.txt\t10\n", Clauses);
        var method = typeof(RequirementCatalogValidationTests).GetMethod(nameof(ACitationOfAnUnknownIdIsReported))!;
        var scenarios = new[]
        {
            new ScenarioDescriptor("negotiate.Known", "negotiate", ["9.1"], ["9.1#01"], "", method),
            new ScenarioDescriptor("negotiate.Unknown", "negotiate", ["9.1"], ["9.1#01", "9.1#02"], "", method),
        };
        Assert.That(catalog.UnknownCitations(scenarios), Is.EqualTo(new[] { "negotiate.Unknown: 9.1#02" }));
    }
}
