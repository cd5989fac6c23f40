using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Tests.Storage;

/// <summary>MS-FSA 2.1.4.4 matching, one wildcard at a time.</summary>
[TestFixture]
public sealed class FileNameExpressionTests
{
    [TestCase("anything", "*", true)]
    [TestCase("no-dot", "*.*", true, Description = "Part 1: \"*.*\" matches every name, with or without a period")]
    [TestCase("report.txt", "report.txt", true)]
    [TestCase("Report.TXT", "report.txt", true, Description = "case-insensitive")]
    [TestCase("report.txt", "report.tx", false)]
    [TestCase("report.txt", "*.txt", true)]
    [TestCase("report.txt.bak", "*.txt", false)]
    [TestCase("a.b.txt", "*.txt", true)]
    [TestCase("abc", "a*c", true)]
    [TestCase("ac", "a*c", true)]
    [TestCase("abcbc", "a*bc", true)]
    [TestCase("abcb", "a*bc", false)]
    [TestCase("abc", "a?c", true)]
    [TestCase("ac", "a?c", false)]
    [TestCase("a", "a?", false, Description = "? needs a character")]
    [TestCase("a.c", "a?c", true, Description = "? matches a period too")]
    [TestCase("", "*", false, Description = "Part 1: an empty name matches no non-empty expression")]
    [TestCase("x", "", false)]
    public void Star_question_mark_and_literals(string name, string expression, bool matches) =>
        Assert.That(FileNameExpression.IsMatch(name, expression), Is.EqualTo(matches));

    [TestCase("abc", "<", true, Description = "no period: DOS_STAR takes everything")]
    [TestCase("a.b", "<", false, Description = "DOS_STAR never takes the last period")]
    [TestCase("a.b.txt", "<.txt", true, Description = "earlier periods are fine")]
    [TestCase("a.txt", "<.txt", true)]
    [TestCase("a.txt.doc", "<.txt", false)]
    [TestCase("abc", "<\"", true, Description = "Win32 \"*.\": names without an extension")]
    [TestCase("abc.d", "<\"", false)]
    [TestCase("abc.", "<\"", true)]
    public void Dos_star(string name, string expression, bool matches) =>
        Assert.That(FileNameExpression.IsMatch(name, expression), Is.EqualTo(matches));

    [TestCase("ab", "ab>>", true, Description = "DOS_QM matches nothing at the end of the name")]
    [TestCase("abc", "ab>>", true)]
    [TestCase("abcd", "ab>>", true)]
    [TestCase("abcde", "ab>>", false)]
    [TestCase("ab.txt", "ab>>.txt", true, Description = "DOS_QM matches nothing at a period")]
    [TestCase("abc.txt", "ab>>.txt", true)]
    [TestCase("abcde.txt", "ab>>.txt", false)]
    [TestCase("a.txt", "a\".txt", false, Description = "DOS_DOT takes the period, then \".txt\" has none left")]
    [TestCase("a", "a\"", true, Description = "DOS_DOT matches nothing at the end of the name")]
    [TestCase("a.", "a\"", true)]
    [TestCase("ab", "a\"", false, Description = "DOS_DOT is only a period or the end")]
    public void Dos_question_mark_and_dos_dot(string name, string expression, bool matches) =>
        Assert.That(FileNameExpression.IsMatch(name, expression), Is.EqualTo(matches));

    [Test]
    public void Case_sensitive_matching_when_asked() =>
        Assert.That(FileNameExpression.IsMatch("Report.TXT", "*.txt", ignoreCase: false), Is.False);

    [Test]
    public void Long_names_with_many_stars_match_quickly()
    {
        string name = new string('a', 255);
        string expression = string.Concat(Enumerable.Repeat("*a", 60)) + "b";

        Assert.That(FileNameExpression.IsMatch(name, expression), Is.False);
        Assert.That(FileNameExpression.IsMatch(name + "b", expression), Is.True);
    }

    [TestCase("plain", false)]
    [TestCase("*", true)]
    [TestCase("?", true)]
    [TestCase("<", true)]
    [TestCase(">", true)]
    [TestCase("\"", true)]
    public void Wildcards_are_the_five_of_ms_fsa(string expression, bool hasWildcards) =>
        Assert.That(FileNameExpression.HasWildcards(expression), Is.EqualTo(hasWildcards));
}
