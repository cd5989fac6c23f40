using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 QUERY_INFO Response (2.2.38): OutputBufferOffset, OutputBufferLength and the buffer of information.
/// Natural layout: the buffer right after the 8-byte fixed part (offset 72), also when empty.
/// </summary>
public sealed class QueryInfoResponse : IMessageBody<QueryInfoResponse>
{
    private const string Name = "QUERY_INFO Response";
    private const string Clause = "2.2.38";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.QueryInfo;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>The information, in the format InfoType and FileInfoClass of the request select (2.2.38).</summary>
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

    public static DecodeResult<QueryInfoResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var offset = span.U16(Smb2Header.Size + 2);
        var length = span.U32(Smb2Header.Size + 4);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "OutputBufferOffset", offset, length, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = Smb2Header.Size + 2 };
        }
        return new QueryInfoResponse
        {
            OutputBuffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, (int)length),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            OutputBufferOffset = offset == BufferOffset ? null : offset,
        };
    }

    /// <summary>Reads <see cref="OutputBuffer"/> as the information class the request asked for (e.g. <see cref="FileAllInformation"/>).</summary>
    public DecodeResult<TInfo> ReadInfo<TInfo>() where TInfo : class, IInfoClass<TInfo> => TInfo.Read(OutputBuffer);

    public override string ToString() => $"QUERY_INFO Response, {OutputBuffer.Length} bytes";
}
