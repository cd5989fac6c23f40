namespace Conformance.Adapters.Wire.Messages;

/// <summary>ShareType of the TREE_CONNECT Response (2.2.10).</summary>
public enum ShareType : byte
{
    Disk = 0x01,
    Pipe = 0x02,
    Print = 0x03,
}
