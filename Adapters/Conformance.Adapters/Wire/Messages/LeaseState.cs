namespace Conformance.Adapters.Wire.Messages;

/// <summary>Lease state bits (2.2.13.2.8, 2.2.14.2.10, 2.2.23.2).</summary>
[Flags]
public enum LeaseState : uint
{
    None = 0x00,
    ReadCaching = 0x01,
    HandleCaching = 0x02,
    WriteCaching = 0x04,
}
