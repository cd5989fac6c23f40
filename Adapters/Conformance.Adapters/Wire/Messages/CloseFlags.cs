namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the CLOSE Request and Response (2.2.15, 2.2.16).</summary>
[Flags]
public enum CloseFlags : ushort
{
    None = 0,
    PostqueryAttrib = 0x0001,
}
