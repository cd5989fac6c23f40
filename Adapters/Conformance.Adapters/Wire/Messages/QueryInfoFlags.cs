namespace Conformance.Adapters.Wire.Messages;

/// <summary>The Flags field of the QUERY_INFO Request (2.2.37), used with FileFullEaInformation.</summary>
[Flags]
public enum QueryInfoFlags : uint
{
    None = 0,
    RestartScan = 0x00000001,
    ReturnSingleEntry = 0x00000002,
    IndexSpecified = 0x00000004,
}
