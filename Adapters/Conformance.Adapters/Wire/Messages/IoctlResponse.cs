using Conformance.Adapters.Wire.Fsctl;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 IOCTL Response (2.2.32): CtlCode, FileId, the input and output buffers with their offsets
/// and counts, Flags (reserved). Natural layout: the input at the start
/// of Buffer, the output after it 8-byte aligned; InputOffset is the start of Buffer even when
/// InputCount is 0, and OutputOffset is InputOffset + InputCount rounded up to 8 even when the
/// output is empty, as Windows (&lt;60&gt; in 2.2.32) and Samba servers send them.
/// </summary>
public sealed class IoctlResponse : IMessageBody<IoctlResponse>
{
    private const string Name = "IOCTL Response";
    private const string Clause = "2.2.32";
    public const ushort DefaultStructureSize = 49;
    private const int FixedLength = 48;
    private const int BufferOffset = Smb2Header.Size + FixedLength;

    public Smb2Command Command => Smb2Command.Ioctl;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public ushort Reserved { get; set; }
    public uint CtlCode { get; set; }
    public FileId FileId { get; set; }
    /// <summary>Reserved in a response (2.2.32).</summary>
    public uint Flags { get; set; }
    public uint Reserved2 { get; set; }

    /// <summary>Input data echoed by the server: InputCount SHOULD be 0 except for pass-through operations (2.2.32, 3.3.5.15.8).</summary>
    public ReadOnlyMemory<byte> Input { get; set; }

    /// <summary>The output data (an FSCTL's output structure, e.g. <see cref="ValidateNegotiateInfoResponse"/>).</summary>
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

    /// <summary>The output offset the writer computes (InputOffset + InputCount rounded up to 8, also when the output is empty (&lt;60&gt;)).</summary>
    public uint NaturalOutputOffset => (uint)(Smb2Header.Size + OutputStart);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, Reserved);
        destination.U32(4, CtlCode);
        FileId.WriteTo(destination[8..]);
        destination.U32(24, InputOffset ?? NaturalInputOffset);
        destination.U32(28, InputCount ?? (uint)Input.Length);
        destination.U32(32, OutputOffset ?? NaturalOutputOffset);
        destination.U32(36, OutputCount ?? (uint)Output.Length);
        destination.U32(40, Flags);
        destination.U32(44, Reserved2);
        destination.Bytes(FixedLength, Input.Span);
        if (!Output.IsEmpty)
        {
            destination[(FixedLength + Input.Length)..OutputStart].Clear();
            destination.Bytes(OutputStart, Output.Span);
        }
    }

    public static DecodeResult<IoctlResponse> Read(ReadOnlyMemory<byte> message)
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
        var outputOffset = span.U32(body + 32);
        var outputCount = span.U32(body + 36);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "InputOffset", inputOffset, inputCount, BufferOffset)
            ?? BodyChecks.Buffer(span.Length, Name, Clause, "OutputOffset", outputOffset, outputCount, BufferOffset);
        if (error is not null)
        {
            return error with { Offset = body + (error.Field == "InputOffset" ? 24 : 32) };
        }
        var result = new IoctlResponse
        {
            Reserved = span.U16(body + 2),
            CtlCode = span.U32(body + 4),
            FileId = FileId.Read(span[(body + 8)..]),
            Flags = span.U32(body + 40),
            Reserved2 = span.U32(body + 44),
            Input = message.Slice((int)(inputCount == 0 ? 0 : inputOffset), (int)inputCount),
            Output = message.Slice((int)(outputCount == 0 ? 0 : outputOffset), (int)outputCount),
        };
        // Keep offsets that differ from what the writer computes, so re-encoding is faithful.
        result.InputOffset = inputOffset == NaturalInputOffset ? null : inputOffset;
        result.OutputOffset = outputOffset == result.NaturalOutputOffset ? null : outputOffset;
        return result;
    }

    public override string ToString() => $"IOCTL Response {FsctlCode.NameOf(CtlCode)} in {Input.Length} out {Output.Length}";
}
