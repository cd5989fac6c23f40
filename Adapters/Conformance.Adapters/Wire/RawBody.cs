namespace Conformance.Adapters.Wire;

/// <summary>A body given as bytes: what no builder would produce, or a command the codec does not model.</summary>
public sealed class RawBody(Smb2Command command, ReadOnlyMemory<byte> bytes) : IMessageBody
{
    public Smb2Command Command { get; } = command;
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    public int Size => Bytes.Length;
    public void WriteTo(Span<byte> destination) => Bytes.Span.CopyTo(destination);
    public override string ToString() => $"{Command} raw body, {Bytes.Length} bytes";
}
