namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the CREATE Response (2.2.14; reserved below the 3.x dialects).</summary>
[Flags]
public enum CreateResponseFlags : byte
{
    None = 0,
    Reparsepoint = 0x01,
}
