using System.Buffers;

namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// A share-relative path as SMB2 sends it: components separated by backslashes, no leading backslash,
/// "" for the share root. Parsing enforces MS-FSCC 2.1.5.2 on every component, so a path that parses
/// can only name entries below the root: "." and "..", empty components (a leading, trailing or doubled
/// backslash), "/" and ":" (so no drive letter, absolute Unix path or stream name) are all refused.
/// </summary>
public sealed class SharePath
{
    public const char Separator = '\\';

    /// <summary>MS-FSCC 2.1.5.2: a file name is 1 to 255 characters.</summary>
    public const int MaximumComponentLength = 255;

    /// <summary>MS-FSCC 2.1.5: a path name is at most 32,767 characters.</summary>
    public const int MaximumPathLength = 32_767;

    private static readonly SearchValues<char> InvalidNameCharacters = SearchValues.Create(
        "\"\\/:|<>*?\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private SharePath(string[] components) => Components = components;

    public static SharePath Root { get; } = new([]);

    public IReadOnlyList<string> Components { get; }

    public bool IsRoot => Components.Count == 0;

    /// <summary>The last component; "" for the root.</summary>
    public string Name => IsRoot ? string.Empty : Components[^1];

    /// <summary>The containing directory; the root's parent is the root.</summary>
    public SharePath Parent => IsRoot ? this : new SharePath(Components.Take(Components.Count - 1).ToArray());

    /// <summary>Parses a path that names an existing or a new entry; ObjectNameInvalid if it breaks the naming rules.</summary>
    public static StoreStatus TryParse(string path, out SharePath parsed)
    {
        parsed = Root;
        if (path.Length == 0)
        {
            return StoreStatus.Success;
        }

        if (path.Length > MaximumPathLength)
        {
            return StoreStatus.ObjectNameInvalid;
        }

        string[] components = path.Split(Separator);
        foreach (string component in components)
        {
            if (!IsValidName(component))
            {
                return StoreStatus.ObjectNameInvalid;
            }
        }

        parsed = new SharePath(components);
        return StoreStatus.Success;
    }

    /// <summary>
    /// MS-FSCC 2.1.5.2: 1 to 255 characters, none of <c>" \ / : | &lt; &gt; * ?</c> nor a control character.
    /// "." and ".." are refused too: they are relative references, never names of entries.
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaximumComponentLength
        && name is not "." and not ".."
        && name.AsSpan().IndexOfAny(InvalidNameCharacters) < 0;

    /// <summary>
    /// A name for a new entry (create, rename target) also must not end in a space or a period, which
    /// Windows strips from names so that such an entry could not be opened again by its own name.
    /// </summary>
    /// <summary>
    /// The preconditions every store applies to a rename: both paths valid, neither the share root,
    /// and a target name that may be created.
    /// </summary>
    public static StoreStatus TryParseRename(string path, string newPath, out SharePath source, out SharePath target)
    {
        target = null!;
        var status = TryParse(path, out source);
        if (status != StoreStatus.Success)
        {
            return status;
        }
        status = TryParse(newPath, out target);
        if (status != StoreStatus.Success)
        {
            return status;
        }
        if (source.IsRoot || target.IsRoot)
        {
            return StoreStatus.AccessDenied;
        }
        return IsValidNewName(target.Name) ? StoreStatus.Success : StoreStatus.ObjectNameInvalid;
    }

    public static bool IsValidNewName(string name) => IsValidName(name) && name[^1] is not ' ' and not '.';

    /// <summary>True if this path is <paramref name="ancestor"/> or lies below it (compared ignoring case).</summary>
    public bool IsSameOrBelow(SharePath ancestor)
    {
        if (ancestor.Components.Count > Components.Count)
        {
            return false;
        }

        for (int i = 0; i < ancestor.Components.Count; i++)
        {
            if (!string.Equals(ancestor.Components[i], Components[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(Separator, Components);
}
