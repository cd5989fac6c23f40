namespace Conformance.Adapters.Wire.Messages;

/// <summary>ErrorId of an SMB2 ERROR Context (current MS-SMB2 2.2.2.1).</summary>
public enum ErrorId : uint
{
    Default = 0x00000000,
    ShareRedirect = 0x72645253,
}
