namespace Conformance.Adapters.Wire.Messages;

/// <summary>Flags of the READ Request (2.2.19; reserved before 3.0.2).</summary>
[Flags]
public enum ReadRequestFlags : byte
{
    None = 0,
    ReadUnbuffered = 0x01,
}
