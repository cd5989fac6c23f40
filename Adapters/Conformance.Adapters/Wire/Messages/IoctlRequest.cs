using Conformance.Adapters.Wire.Fsctl;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 IOCTL Request (2.2.31): CtlCode, FileId, the input and output buffers with their offsets
/// and counts, MaxInputResponse, MaxOutputResponse, Flags. Natural layout: the input at the start
/// of Buffer, the output after it 8-byte aligned; an empty output has OutputOffset equal to InputOffset, as
/// Windows and Samba clients send it (&lt;57&gt; in 2.2.31).
/// </summary>
public sealed class IoctlRequest : IMessageBody<IoctlRequest>
{
    private const string Name = "IOCTL Request";
    private const string Clause = "2.2.31";
    public const ushort DefaultStructureSize = 57;
    private const int FixedLength = 56;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Ioctl;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }
    public uint CtlCode { get; set; }
    public FileId FileId { get; set; }
    public uint MaxInputResponse { get; set; }
    public uint MaxOutputResponse { get; set; }
    public IoctlFlags Flags { get; set; }
    public uint Reserved2 { get; set; }

    /// <summary>The input data (an FSCTL's input structure, e.g. <see cref="ValidateNegotiateInfoRequest"/>).</summary>
    public ReadOnlyMemory<byte> Input { get; set; }

    /// <summary>Output data sent with the request: 2.2.31 says OutputCount MUST be 0, so only a scenario testing that sets it.</summary>
    public ReadOnlyMemory<byte> Output { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public uint? InputOffset { get; set; }
    public uint? InputCount { get; set; }
    public uint? OutputOffset { get; set; }
    public uint? OutputCount { get; set; }

    private int OutputStart => WireSpanExtensions.Align8(FixedLength + Input.Length);

    public int Size => Output.IsEmpty ? FixedLength + Input.Length : OutputStart + Output.Length;

    /// <summary>The input offset the writer computes: the start of Buffer.</summary>
    public static uint NaturalInputOffset => BufferOffset;

    /// <summary>The output offset the writer computes (equal to InputOffset when the output is empty (&lt;57&gt;)).</summary>
    public uint NaturalOutputOffset => Output.IsEmpty ? NaturalInputOffset : (uint)(Smb2Header.Size + OutputStart);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
        destination.U32(4, CtlCode);
        FileId.WriteTo(destination[8..]);
        destination.U32(24, InputOffset ?? NaturalInputOffset);
        destination.U32(28, InputCount ?? (uint)Input.Length);
        destination.U32(32, MaxInputResponse);
        destination.U32(36, OutputOffset ?? NaturalOutputOffset);
        destination.U32(40, OutputCount ?? (uint)Output.Length);
        destination.U32(44, MaxOutputResponse);
        destination.U32(48, (uint)Flags);
        destination.U32(52, Reserved2);
        destination.Bytes(FixedLength, Input.Span);
        if (!Output.IsEmpty)
        {
            destination[(FixedLength + Input.Length)..OutputStart].Clear();
            destination.Bytes(OutputStart, Output.Span);
        }
    }

    public static DecodeResult<IoctlRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var body = Smb2Header.Size;
        var inputOffset = span.U32(body + 24);
        var inputCount = span.U32(body + 28);
        var outputOffset = span.U32(body + 36);
        var outputCount = span.U32(body + 40);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "InputOffset", inputOffset, inputCount, BufferOffset)
            ?? BodyChecks.Buffer(span.Length, Name, Clause, "OutputOffset", outputOffset, outputCount, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = body + (error.Field == "InputOffset" ? 24 : 36) };
        }
        var result = new IoctlRequest
        {
            Reserved = span.U16(body + 2),
            CtlCode = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
            MaxInputResponse = span.U32(body + 32),
            MaxOutputResponse = span.U32(body + 44),
            Flags = (IoctlFlags)span.U32(body + 48),
            Reserved2 = span.U32(body + 52),
            Input = message.Slice((int)(inputCount == 0 ? 0 : inputOffset), (int)inputCount),
            Output = message.Slice((int)(outputCount == 0 ? 0 : outputOffset), (int)outputCount),
        };
        // Keep offsets that differ from what the writer computes, so re-encoding is faithful.
        result.InputOffset = inputOffset == NaturalInputOffset ? null : inputOffset;
        result.OutputOffset = outputOffset == result.NaturalOutputOffset ? null : outputOffset;
        return result;
    }

    public override string ToString() => $"IOCTL Request {FsctlCode.NameOf(CtlCode)} in {Input.Length} out {Output.Length}";
}
