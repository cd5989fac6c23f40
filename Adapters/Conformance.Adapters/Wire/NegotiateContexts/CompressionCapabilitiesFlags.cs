namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>Flags of SMB2_COMPRESSION_CAPABILITIES (current MS-SMB2 2.2.3.1.3).</summary>
[Flags]
public enum CompressionCapabilitiesFlags : uint
{
    None = 0x00000000,
    Chained = 0x00000001,
}
