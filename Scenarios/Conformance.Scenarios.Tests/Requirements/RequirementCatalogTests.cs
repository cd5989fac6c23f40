using System.Text.RegularExpressions;
using Conformance.Scenarios.Requirements;

namespace Conformance.Scenarios.Tests.Requirements;

/// <summary>The shipped catalog is well formed and covers the scope.</summary>
public sealed partial class RequirementCatalogTests
{
    private static RequirementCatalog Catalog => RequirementCatalog.Default;

    [Test]
    public void TheShippedCatalogValidates() =>
        Assert.That(Catalog.Validate(), Is.Empty);

    [Test]
    public void EveryIdIsUnique() =>
        Assert.That(Catalog.All.Select(requirement => requirement.Id), Is.Unique);

    [Test]
    public void EveryIdNamesItsOwnClause()
    {
        foreach (var requirement in Catalog.All)
        {
            var match = IdPattern().Match(requirement.Id);
            Assert.That(match.Success, Is.True, requirement.Id);
            Assert.That(match.Groups[1].Value, Is.EqualTo(requirement.Clause), requirement.Id);
        }
    }

    [Test]
    public void EveryLevelIsANormativeKeyword() =>
        Assert.That(Catalog.All.Select(requirement => requirement.Level), Is.All.AnyOf(Enum.GetValues<RequirementLevel>().Cast<object>().ToArray()));

    [TestCaseSource(typeof(RequirementScope), nameof(RequirementScope.AllClauses))]
    public void EveryClauseInScopeHasStatements(string clause)
    {
        Assert.That(Catalog.ForClause(clause), Is.Not.Empty);
        Assert.That(Catalog.ClauseTitle(clause), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void NoStatementLiesOutsideTheScope() =>
        Assert.That(Catalog.All.Select(requirement => requirement.Clause).Distinct(), Is.SubsetOf(RequirementScope.AllClauses));

    [Test]
    public void BaseStatementsCarryALineAndCurrentSpecStatementsAPageTitle()
    {
        foreach (var requirement in Catalog.All)
        {
            if (requirement.IsFromCurrentSpecification)
            {
                Assert.That(requirement.Line, Is.Null, requirement.Id);
                Assert.That(requirement.Source.Length, Is.GreaterThan(Requirement.CurrentSourcePrefix.Length), requirement.Id);
            }
            else
            {
                Assert.That(requirement.Line, Is.GreaterThan(0), requirement.Id);
                Assert.That(requirement.Source, Is.EqualTo(Requirement.BaseSource), requirement.Id);
            }
        }
    }

    [Test]
    public void StatementsOfTheNegotiateClauseAreInSpecOrder()
    {
        var negotiate = Catalog.ForClause("3.3.5.4");
        Assert.That(negotiate[0].Id, Is.EqualTo("3.3.5.4#01"));
        Assert.That(Catalog.Get("3.3.5.4#07").Level, Is.EqualTo(RequirementLevel.Must));
        Assert.That(Catalog.Get("3.3.5.4#09").Line, Is.GreaterThan(Catalog.Get("3.3.5.4#07").Line!.Value));
        Assert.That(negotiate.Where(requirement => requirement.IsFromCurrentSpecification).Select(requirement => requirement.Id).First(), Is.EqualTo("3.3.5.4#N01"));
    }

    [Test]
    public void ClauseTitlesCoverTheWholeSpecificationOutline()
    {
        Assert.That(Catalog.ClauseTitles, Has.Count.GreaterThan(400));
        Assert.That(Catalog.ClauseTitle("3.3.5.4"), Is.EqualTo("Receiving an SMB2 NEGOTIATE Request"));
        Assert.That(Catalog.ClauseTitle("2.2.4.1.1"), Is.EqualTo("SMB2_PREAUTH_INTEGRITY_CAPABILITIES"));
    }

    [Test]
    public void EveryUntestableStatementSaysWhyInTheVocabulary()
    {
        foreach (var requirement in Catalog.All)
        {
            if (requirement.Testable)
            {
                Assert.That(requirement.Reason, Is.Null, $"{requirement.Id} is testable and takes no reason");
            }
            else
            {
                Assert.That(requirement.Reason, Is.Not.Null, $"{requirement.Id} is marked untestable without a reason of the vocabulary");
            }
        }
    }

    [Test]
    public void EverySupersedingStatementIsInTheCatalogTestableAndCited()
    {
        foreach (var requirement in Catalog.All.Where(requirement => requirement.Reason?.Kind == UntestableKind.SupersededBy))
        {
            Assert.That(Catalog.Find(requirement.Reason!.SupersedingId!)?.Testable, Is.True, $"{requirement.Id}: {requirement.Reason}");
        }
        Assert.That(Catalog.UncitedSupersessions(ScenarioCatalog.All), Is.Empty);
    }

    [Test]
    public void EveryRequirementAScenarioCitesIsInTheCatalog() =>
        Assert.That(Catalog.UnknownCitations(ScenarioCatalog.All), Is.Empty);

    [Test]
    public void EveryCitedRequirementBelongsToAClauseTheScenarioNames()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            foreach (var id in scenario.Requirements)
            {
                Assert.That(scenario.Clauses, Does.Contain(Catalog.Get(id).Clause), $"{scenario.Id} cites {id}");
            }
        }
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)#N?\d{2}$")]
    private static partial Regex IdPattern();
}
