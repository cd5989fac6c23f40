namespace Conformance.Adapters.Wire.Messages;

/// <summary>LeaseFlags / Flags of the lease create contexts (2.2.13.2.10, 2.2.14.2.10, 2.2.14.2.11).</summary>
[Flags]
public enum LeaseFlags : uint
{
    None = 0x00,
    BreakInProgress = 0x02,
    ParentLeaseKeySet = 0x04,
}
