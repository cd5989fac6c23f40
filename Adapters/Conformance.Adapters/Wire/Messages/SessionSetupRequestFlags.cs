namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the SESSION_SETUP Request (2.2.5).</summary>
[Flags]
public enum SessionSetupRequestFlags : byte
{
    None = 0,
    Binding = 0x01,
}
