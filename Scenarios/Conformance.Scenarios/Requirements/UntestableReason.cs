using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Conformance.Scenarios.Requirements;

/// <summary>Why a statement is judged untestable: one word of a fixed vocabulary (Scenarios/requirements/README.md).</summary>
public enum UntestableKind
{
    /// <summary>The statement's only effect is on server state no response ever shows (a counter, a list entry, a value no later exchange uses).</summary>
    InternalState,

    /// <summary>The statement binds the client (the sender), not the server.</summary>
    ClientDuty,

    /// <summary>The spec leaves the observable outcome open: any answer a client could see conforms.</summary>
    ImplementationChoice,

    /// <summary>A base statement the current MS-SMB2 replaced by a 3.1.1 statement, which is then testable and cited.</summary>
    SupersededBy,

    /// <summary>Observable only with something no client could ever set up.</summary>
    Needs,
}

/// <summary>
/// The <c>reason</c> of a <c>testable = no</c> entry: "internal state", "client duty", "implementation
/// choice", "superseded by &lt;id&gt;" or "needs &lt;what&gt;", optionally followed by ": " and a free note.
/// </summary>
public sealed partial record UntestableReason(UntestableKind Kind, string? Subject, string Note)
{
    /// <summary>The vocabulary word of each kind, as written in requirements.tsv.</summary>
    public static string Keyword(UntestableKind kind) => kind switch
    {
        UntestableKind.InternalState => "internal state",
        UntestableKind.ClientDuty => "client duty",
        UntestableKind.ImplementationChoice => "implementation choice",
        UntestableKind.SupersededBy => "superseded by",
        UntestableKind.Needs => "needs",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>For <see cref="UntestableKind.SupersededBy"/>: the id of the statement that replaced this one.</summary>
    public string? SupersedingId => Kind == UntestableKind.SupersededBy ? Subject : null;

    /// <summary>Reads a reason; false with <paramref name="problem"/> when the text is empty or outside the vocabulary.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out UntestableReason? reason, [NotNullWhen(false)] out string? problem)
    {
        reason = null;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var head = (colon < 0 ? text : text[..colon]).Trim();
        var note = colon < 0 ? "" : text[(colon + 2)..].Trim();
        if (head.Length == 0)
        {
            problem = "an untestable statement needs a reason";
            return false;
        }
        foreach (var kind in Enum.GetValues<UntestableKind>())
        {
            var keyword = Keyword(kind);
            if (kind is UntestableKind.SupersededBy or UntestableKind.Needs)
            {
                if (!head.StartsWith(keyword + " ", StringComparison.Ordinal))
                {
                    continue;
                }
                var subject = head[(keyword.Length + 1)..].Trim();
                if (kind == UntestableKind.SupersededBy && !IdPattern().IsMatch(subject))
                {
                    problem = $"\"superseded by\" names a requirement id, not \"{subject}\"";
                    return false;
                }
                reason = new UntestableReason(kind, subject, note);
                problem = null;
                return true;
            }
            if (head == keyword)
            {
                reason = new UntestableReason(kind, null, note);
                problem = null;
                return true;
            }
        }
        problem = $"reason \"{head}\" is none of {string.Join(", ", Enum.GetValues<UntestableKind>().Select(kind => kind is UntestableKind.SupersededBy ? "superseded by <id>" : kind is UntestableKind.Needs ? "needs <what>" : Keyword(kind)))}";
        return false;
    }

    public override string ToString() =>
        Keyword(Kind) + (Subject is null ? "" : " " + Subject) + (Note.Length == 0 ? "" : ": " + Note);

    [GeneratedRegex(@"^\d+(\.\d+)*#N?\d{2}$")]
    private static partial Regex IdPattern();
}
