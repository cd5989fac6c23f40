namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the durable handle v2 contexts (2.2.13.2.11, 2.2.13.2.12, 2.2.14.2.12).</summary>
[Flags]
public enum DurableHandleFlags : uint
{
    None = 0,
    Persistent = 0x00000002,
}
