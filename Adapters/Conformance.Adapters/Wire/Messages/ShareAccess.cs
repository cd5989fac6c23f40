namespace Conformance.Adapters.Wire.Messages;

/// <summary>ShareAccess of the CREATE Request (2.2.13).</summary>
[Flags]
public enum ShareAccess : uint
{
    None = 0,
    FileShareRead = 0x00000001,
    FileShareWrite = 0x00000002,
    FileShareDelete = 0x00000004,
}
