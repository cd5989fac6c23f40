namespace Conformance.Adapters.Wire.Messages;

/// <summary>The Flags field of the QUERY_DIRECTORY Request (2.2.33).</summary>
[Flags]
public enum QueryDirectoryFlags : byte
{
    None = 0,
    RestartScans = 0x01,
    ReturnSingleEntry = 0x02,
    IndexSpecified = 0x04,

    /// <summary>Implies RestartScans, and changes the search pattern.</summary>
    Reopen = 0x10,
}
