namespace Conformance.Adapters.Wire.Messages;

/// <summary>CreateDisposition of the CREATE Request (2.2.13).</summary>
public enum CreateDisposition : uint
{
    FileSupersede = 0,
    FileOpen = 1,
    FileCreate = 2,
    FileOpenIf = 3,
    FileOverwrite = 4,
    FileOverwriteIf = 5,
}
