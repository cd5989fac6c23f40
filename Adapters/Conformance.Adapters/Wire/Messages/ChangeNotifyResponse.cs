using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 CHANGE_NOTIFY Response (2.2.36): OutputBufferOffset, OutputBufferLength and the buffer of FILE_NOTIFY_INFORMATION entries.
/// Natural layout: the buffer right after the 8-byte fixed part (offset 72), also when empty.
/// </summary>
public sealed class ChangeNotifyResponse : IMessageBody<ChangeNotifyResponse>
{
    private const string Name = "CHANGE_NOTIFY Response";
    private const string Clause = "2.2.36";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.ChangeNotify;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>FILE_NOTIFY_INFORMATION entries (MS-FSCC 2.7.1).</summary>
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

    public static DecodeResult<ChangeNotifyResponse> Read(ReadOnlyMemory<byte> message)
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
        return new ChangeNotifyResponse
        {
            OutputBuffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, (int)length),
            // Keep an offset that differs from what the writer computes, so re-encoding is faithful.
            OutputBufferOffset = offset == BufferOffset ? null : offset,
        };
    }

    /// <summary>Reads <see cref="OutputBuffer"/> as FILE_NOTIFY_INFORMATION entries, checking every NextEntryOffset.</summary>
    public DecodeResult<IReadOnlyList<FileNotifyInformation>> ReadNotifications() => ChainedEntries.Read<FileNotifyInformation>(OutputBuffer);

    /// <summary>A response carrying <paramref name="notifications"/>, chained and 4-byte aligned.</summary>
    public static ChangeNotifyResponse WithNotifications(IReadOnlyList<FileNotifyInformation> notifications) =>
        new() { OutputBuffer = ChainedEntries.Encode(notifications) };

    public override string ToString() => $"CHANGE_NOTIFY Response, {OutputBuffer.Length} bytes";
}
