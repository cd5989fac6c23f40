namespace Conformance.Adapters.Wire.Messages;

/// <summary>RequestedOplockLevel / OplockLevel of CREATE and OPLOCK_BREAK (2.2.13, 2.2.14, 2.2.23.1).</summary>
public enum OplockLevel : byte
{
    None = 0x00,
    II = 0x01,
    Exclusive = 0x08,
    Batch = 0x09,
    /// <summary>SMB2_OPLOCK_LEVEL_LEASE: a lease context goes with it; not valid for 2.0.2.</summary>
    Lease = 0xFF,
}
