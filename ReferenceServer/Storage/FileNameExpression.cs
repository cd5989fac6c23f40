namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// MS-FSA 2.1.4.4, "Algorithm for Determining if a FileName Is in an Expression": the matching of a
/// QUERY_DIRECTORY search pattern against a name, with the wildcards of MS-FSA 2.1.4.3:
/// <c>*</c> zero or more characters; <c>?</c> exactly one character; DOS_STAR <c>&lt;</c> zero or more
/// characters but never the name's last period; DOS_QM <c>&gt;</c> one character, or nothing at a period
/// or at the end of the name; DOS_DOT <c>"</c> a period, or nothing at the end of the name.
/// </summary>
public static class FileNameExpression
{
    public const char DosStar = '<';
    public const char DosQuestionMark = '>';
    public const char DosDot = '"';

    public static bool HasWildcards(string expression) => expression.AsSpan().IndexOfAny("*?<>\"") >= 0;

    public static bool IsMatch(string fileName, string expression, bool ignoreCase = true)
    {
        // Part 1: the special cases.
        if (fileName.Length == 0 || expression.Length == 0)
        {
            return fileName.Length == expression.Length;
        }

        if (expression is "*" or "*.*")
        {
            return true;
        }

        StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!HasWildcards(expression))
        {
            return string.Equals(fileName, expression, comparison);
        }

        // Part 2: the general match, as a search over (expression position, name position) with memo.
        var matcher = new Matcher(fileName, expression, comparison);
        return matcher.Match(0, 0);
    }

    private sealed class Matcher(string name, string expression, StringComparison comparison)
    {
        private readonly int lastPeriod = name.LastIndexOf('.');

        // 0 = not computed, 1 = matches, 2 = does not match; indexed [e * (name.Length + 1) + n].
        private readonly byte[] memo = new byte[(expression.Length + 1) * (name.Length + 1)];

        public bool Match(int e, int n)
        {
            int slot = (e * (name.Length + 1)) + n;
            if (memo[slot] != 0)
            {
                return memo[slot] == 1;
            }

            bool result = Compute(e, n);
            memo[slot] = result ? (byte)1 : (byte)2;
            return result;
        }

        private bool Compute(int e, int n)
        {
            if (e == expression.Length)
            {
                return n == name.Length;
            }

            bool atEnd = n == name.Length;
            switch (expression[e])
            {
                case '*':
                    return Match(e + 1, n) || (!atEnd && Match(e, n + 1));
                case DosStar:
                    return Match(e + 1, n) || (!atEnd && n != lastPeriod && Match(e, n + 1));
                case '?':
                    return !atEnd && Match(e + 1, n + 1);
                case DosQuestionMark:
                    return atEnd || name[n] == '.' ? Match(e + 1, n) : Match(e + 1, n + 1);
                case DosDot:
                    return atEnd ? Match(e + 1, n) : name[n] == '.' && Match(e + 1, n + 1);
                default:
                    return !atEnd
                        && string.Compare(name, n, expression, e, 1, comparison) == 0
                        && Match(e + 1, n + 1);
            }
        }
    }
}
