namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 SESSION_SETUP Request (2.2.5).</summary>
public sealed class SessionSetupRequest : IMessageBody<SessionSetupRequest>
{
    private const string Name = "SESSION_SETUP Request";
    private const string Clause = "2.2.5";
    public const ushort DefaultStructureSize = 25;
    private const int FixedLength = 24;

    public Smb2Command Command => Smb2Command.SessionSetup;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public SessionSetupRequestFlags Flags { get; set; }

    /// <summary>One byte on the wire (the 2-byte <see cref="Messages.SecurityMode"/> values).</summary>
    public SecurityMode SecurityMode { get; set; } = SecurityMode.SigningEnabled;

    public GlobalCapabilities Capabilities { get; set; }
    public uint Channel { get; set; }
    public ulong PreviousSessionId { get; set; }

    /// <summary>The GSS token (SPNEGO).</summary>
    public ReadOnlyMemory<byte> SecurityBuffer { get; set; }

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? SecurityBufferOffset { get; set; }
    public ushort? SecurityBufferLength { get; set; }

    public int Size => FixedLength + SecurityBuffer.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U8(2, (byte)Flags);
        destination.U8(3, (byte)SecurityMode);
        destination.U32(4, (uint)Capabilities);
        destination.U32(8, Channel);
        destination.U16(12, SecurityBufferOffset ?? (ushort)(Smb2Header.Size + FixedLength));
        destination.U16(14, SecurityBufferLength ?? (ushort)SecurityBuffer.Length);
        destination.U64(16, PreviousSessionId);
        destination.Bytes(FixedLength, SecurityBuffer.Span);
    }

    public static DecodeResult<SessionSetupRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var offset = span.U16(body + 12);
        var length = span.U16(body + 14);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "SecurityBufferOffset", offset, length, body + FixedLength);
        if (error is not null)
        {
            return error with { Offset = body + 12 };
        }
        return new SessionSetupRequest
        {
            Flags = (SessionSetupRequestFlags)span.U8(body + 2),
            SecurityMode = (SecurityMode)span.U8(body + 3),
            Capabilities = (GlobalCapabilities)span.U32(body + 4),
            Channel = span.U32(body + 8),
            PreviousSessionId = span.U64(body + 16),
            SecurityBuffer = length == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(offset, length),
            // Keep an offset that differs from the computed one, so re-encoding is faithful.
            SecurityBufferOffset = offset == body + FixedLength ? null : offset,
        };
    }

    public override string ToString() => $"SESSION_SETUP Request {Flags} {SecurityMode} SecurityBuffer {SecurityBuffer.Length} bytes";
}
