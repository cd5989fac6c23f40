namespace Conformance.Adapters.Wire.Messages;

/// <summary>AdditionalInformation of a security QUERY_INFO (2.2.37) or SET_INFO (2.2.39).</summary>
[Flags]
public enum SecurityInformation : uint
{
    None = 0,
    Owner = 0x00000001,
    Group = 0x00000002,
    Dacl = 0x00000004,
    Sacl = 0x00000008,
    Label = 0x00000010,
    Attribute = 0x00000020,
    Scope = 0x00000040,
    Backup = 0x00010000,
}
