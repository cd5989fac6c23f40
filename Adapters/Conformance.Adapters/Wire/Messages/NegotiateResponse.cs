using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 NEGOTIATE Response (2.2.4; 3.1.1 layout from the current MS-SMB2 2.2.4). With
/// DialectRevision 0x0311 the fields Reserved and Reserved2 of earlier dialects are
/// NegotiateContextCount and NegotiateContextOffset, and the contexts follow the security buffer
/// at the next 8-byte boundary. For other dialects those two fields are reserved: their computed
/// value is 0 and a received non-zero value is kept in the override.
/// </summary>
public sealed class NegotiateResponse : IMessageBody<NegotiateResponse>
{
    private const string Name = "NEGOTIATE Response";
    private const string Clause = "2.2.4";
    public const ushort DefaultStructureSize = 65;
    private const int FixedLength = 64;

    public Smb2Command Command => Smb2Command.Negotiate;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public SecurityMode SecurityMode { get; set; } = SecurityMode.SigningEnabled;
    public Dialect DialectRevision { get; set; } = Dialect.Smb202;
    public Guid ServerGuid { get; set; }
    public GlobalCapabilities Capabilities { get; set; }
    public uint MaxTransactSize { get; set; } = 65536;
    public uint MaxReadSize { get; set; } = 65536;
    public uint MaxWriteSize { get; set; } = 65536;

    /// <summary>FILETIME (MS-DTYP 2.3.3).</summary>
    public ulong SystemTime { get; set; }
    public ulong ServerStartTime { get; set; }

    /// <summary>The GSS token (SPNEGO), or empty.</summary>
    public ReadOnlyMemory<byte> SecurityBuffer { get; set; }

    public List<NegotiateContext> NegotiateContexts { get; set; } = [];

    /// <summary>Overrides: null writes the computed value (0 for the reserved fields of dialects other than 3.1.1 without contexts).</summary>
    public ushort? SecurityBufferOffset { get; set; }
    public ushort? SecurityBufferLength { get; set; }
    public ushort? NegotiateContextCount { get; set; }
    public uint? NegotiateContextOffset { get; set; }

    private int SecurityBufferEnd => FixedLength + SecurityBuffer.Length;
    private int ContextsStart => WireSpanExtensions.Align8(Smb2Header.Size + SecurityBufferEnd) - Smb2Header.Size;

    public int Size => NegotiateContexts.Count == 0 ? SecurityBufferEnd : ContextsStart + NegotiateContextList.Size(NegotiateContexts);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, (ushort)SecurityMode);
        destination.U16(4, (ushort)DialectRevision);
        destination.U16(6, NegotiateContextCount ?? (ushort)NegotiateContexts.Count);
        destination.Guid(8, ServerGuid);
        destination.U32(24, (uint)Capabilities);
        destination.U32(28, MaxTransactSize);
        destination.U32(32, MaxReadSize);
        destination.U32(36, MaxWriteSize);
        destination.U64(40, SystemTime);
        destination.U64(48, ServerStartTime);
        destination.U16(56, SecurityBufferOffset ?? (ushort)(Smb2Header.Size + FixedLength));
        destination.U16(58, SecurityBufferLength ?? (ushort)SecurityBuffer.Length);
        destination.U32(60, NegotiateContextOffset ?? (NegotiateContexts.Count == 0 ? 0u : (uint)(Smb2Header.Size + ContextsStart)));
        destination.Bytes(FixedLength, SecurityBuffer.Span);
        if (NegotiateContexts.Count > 0)
        {
            destination[SecurityBufferEnd..ContextsStart].Clear();
            NegotiateContextList.Write(destination[ContextsStart..], NegotiateContexts);
        }
    }

    public static DecodeResult<NegotiateResponse> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var securityBufferOffset = span.U16(body + 56);
        var securityBufferLength = span.U16(body + 58);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "SecurityBufferOffset", securityBufferOffset, securityBufferLength, body + FixedLength);
        if (error is not null)
        {
            return error with { Offset = body + 56 };
        }
        var response = new NegotiateResponse
        {
            SecurityMode = (SecurityMode)span.U16(body + 2),
            DialectRevision = (Dialect)span.U16(body + 4),
            ServerGuid = span.Guid(body + 8),
            Capabilities = (GlobalCapabilities)span.U32(body + 24),
            MaxTransactSize = span.U32(body + 28),
            MaxReadSize = span.U32(body + 32),
            MaxWriteSize = span.U32(body + 36),
            SystemTime = span.U64(body + 40),
            ServerStartTime = span.U64(body + 48),
            SecurityBuffer = securityBufferLength == 0 ? ReadOnlyMemory<byte>.Empty : message.Slice(securityBufferOffset, securityBufferLength),
        };
        var contextCount = span.U16(body + 6);
        var contextOffset = span.U32(body + 60);
        if (response.DialectRevision == Dialect.Smb311 && contextCount > 0)
        {
            var earliest = body + FixedLength;
            if (contextOffset < earliest || contextOffset > span.Length)
            {
                return new DecodeError(Name, "NegotiateContextOffset", Clause, $"offset {contextOffset} is not within the message after the fixed part ({earliest}..{span.Length})", body + 60);
            }
            var contexts = NegotiateContextList.Read(message, (int)contextOffset, contextCount, Name, Clause);
            if (!contexts.IsSuccess)
            {
                return contexts.Error;
            }
            response.NegotiateContexts = contexts.Value;
        }
        // Keep what differs from the computed layout, so the message re-encodes identically.
        if (securityBufferOffset != body + FixedLength)
        {
            response.SecurityBufferOffset = securityBufferOffset;
        }
        if (contextCount != response.NegotiateContexts.Count)
        {
            response.NegotiateContextCount = contextCount;
        }
        var computedOffset = response.NegotiateContexts.Count == 0 ? 0u : (uint)(body + response.ContextsStart);
        if (contextOffset != computedOffset)
        {
            response.NegotiateContextOffset = contextOffset;
        }
        return response;
    }

    public override string ToString() =>
        $"NEGOTIATE Response {DialectRevision.ToDisplayString()} {SecurityMode} {Capabilities} SecurityBuffer {SecurityBuffer.Length} bytes" +
        (NegotiateContexts.Count > 0 ? $" contexts: {string.Join("; ", NegotiateContexts)}" : "");
}
