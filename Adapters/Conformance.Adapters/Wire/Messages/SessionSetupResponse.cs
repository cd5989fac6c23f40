namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 SESSION_SETUP Response (2.2.6).</summary>
public sealed class SessionSetupResponse : IMessageBody<SessionSetupResponse>
{
    private const string Name = "SESSION_SETUP Response";
    private const string Clause = "2.2.6";
    public const ushort DefaultStructureSize = 9;
    private const int FixedLength = 8;

    public Smb2Command Command => Smb2Command.SessionSetup;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public SessionFlags SessionFlags { get; set; }

    /// <summary>The GSS token (SPNEGO), or empty.</summary>
    public ReadOnlyMemory<byte> SecurityBuffer { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? SecurityBufferOffset { get; set; }
    public ushort? SecurityBufferLength { get; set; }

    public int Size => FixedLength + SecurityBuffer.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)SessionFlags);
        destination.U16(4, SecurityBufferOffset ?? (ushort)(Smb2Header.Size + FixedLength));
        destination.U16(6, SecurityBufferLength ?? (ushort)SecurityBuffer.Length);
        destination.Bytes(FixedLength, SecurityBuffer.Span);
    }

    public static DecodeResult<SessionSetupResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var offset = span.U16(body + 4);
        var length = span.U16(body + 6);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "SecurityBufferOffset", offset, length, body + FixedLength);
        if (error is not null)
        {
            return error with { Offset = body + 4 };
        }
        return new SessionSetupResponse
        {
            SessionFlags = (SessionFlags)span.U16(body + 2),
            SecurityBuffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, length),
            // Keep an offset that differs from the computed one, so re-encoding is faithful.
            SecurityBufferOffset = offset == body + FixedLength ? null : offset,
        };
    }

    public override string ToString() => $"SESSION_SETUP Response {SessionFlags} SecurityBuffer {SecurityBuffer.Length} bytes";
}
