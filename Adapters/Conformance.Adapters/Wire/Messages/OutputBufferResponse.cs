namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// The layout that the QUERY_DIRECTORY (2.2.34), CHANGE_NOTIFY (2.2.36) and QUERY_INFO (2.2.38)
/// responses share: StructureSize 9, OutputBufferOffset, OutputBufferLength and the buffer.
/// Natural layout: the buffer right after the 8-byte fixed part (offset 72), also when empty.
/// </summary>
public abstract class OutputBufferResponse
{
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public abstract Smb2Command Command { get; }

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    public ReadOnlyMemory<byte> OutputBuffer { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? OutputBufferOffset { get; set; }
    public uint? OutputBufferLength { get; set; }

    public int Size => FixedLength + OutputBuffer.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, OutputBufferOffset ?? BufferOffset);
        destination.U32(4, OutputBufferLength ?? (uint)OutputBuffer.Length);
        destination.Bytes(FixedLength, OutputBuffer.Span);
    }

    protected static DecodeResult<TResponse> Read<TResponse>(ReadOnlyMemory<byte> message, string name, string clause)
        where TResponse : OutputBufferResponse, new()
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, name, clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var offset = span.U16(Smb2Header.Size + 2);
        var length = span.U32(Smb2Header.Size + 4);
        error = BodyChecks.Buffer(span.Length, name, clause, "OutputBufferOffset", offset, length, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = Smb2Header.Size + 2 };
        }
        return new TResponse
        {
            OutputBuffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, (int)length),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            OutputBufferOffset = offset == BufferOffset ? null : offset,
        };
    }
}
