using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 NEGOTIATE Request (2.2.3; 3.1.1 layout from the current MS-SMB2 2.2.3). When the Dialects
/// contain 0x0311 (or contexts are given) the 8 bytes after ClientGuid are NegotiateContextOffset,
/// NegotiateContextCount and Reserved2, and the contexts follow the Dialects at the next 8-byte
/// boundary; otherwise they are ClientStartTime. A decoder can only go by the Dialects, as a server
/// does: contexts sent without 0x0311 among them are not read.
/// </summary>
public sealed class NegotiateRequest : IMessageBody<NegotiateRequest>
{
    private const string Name = "NEGOTIATE Request";
    private const string Clause = "2.2.3";
    public const ushort DefaultStructureSize = 36;
    private const int FixedLength = 36;

    public Smb2Command Command => Smb2Command.Negotiate;

    public ushort StructureSize { get; set; } = DefaultStructureSize;
    public SecurityMode SecurityMode { get; set; } = SecurityMode.SigningEnabled;
    public ushort Reserved { get; set; }
    public GlobalCapabilities Capabilities { get; set; }
    public Guid ClientGuid { get; set; }

    /// <summary>Written when the request is not in the 3.1.1 form.</summary>
    public ulong ClientStartTime { get; set; }

    /// <summary>Written in the 3.1.1 form.</summary>
    public ushort Reserved2 { get; set; }

    public List<Dialect> Dialects { get; set; } = [Dialect.Smb202];
    public List<NegotiateContext> NegotiateContexts { get; set; } = [];

    /// <summary>Overrides: null writes the computed value.</summary>
    public ushort? DialectCount { get; set; }
    public uint? NegotiateContextOffset { get; set; }
    public ushort? NegotiateContextCount { get; set; }

    /// <summary>The 3.1.1 form: the Dialects offer 3.1.1, or contexts are to be sent.</summary>
    public bool HasNegotiateContextFields => Dialects.Contains(Dialect.Smb311) || NegotiateContexts.Count > 0;

    private int DialectsEnd => FixedLength + 2 * Dialects.Count;

    /// <summary>Body index of the first context: the first 8-byte boundary (from the header's start) after the Dialects.</summary>
    private int ContextsStart => WireSpanExtensions.Align8(Smb2Header.Size + DialectsEnd) - Smb2Header.Size;

    public int Size => NegotiateContexts.Count == 0 ? DialectsEnd : ContextsStart + NegotiateContextList.Size(NegotiateContexts);

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, DialectCount ?? (ushort)Dialects.Count);
        destination.U16(4, (ushort)SecurityMode);
        destination.U16(6, Reserved);
        destination.U32(8, (uint)Capabilities);
        destination.Guid(12, ClientGuid);
        if (HasNegotiateContextFields)
        {
            var computedOffset = NegotiateContexts.Count == 0 ? 0u : (uint)(Smb2Header.Size + ContextsStart);
            destination.U32(28, NegotiateContextOffset ?? computedOffset);
            destination.U16(32, NegotiateContextCount ?? (ushort)NegotiateContexts.Count);
            destination.U16(34, Reserved2);
        }
        else
        {
            destination.U64(28, ClientStartTime);
        }
        for (var i = 0; i < Dialects.Count; i++)
        {
            destination.U16(FixedLength + 2 * i, (ushort)Dialects[i]);
        }
        if (NegotiateContexts.Count > 0)
        {
            destination[DialectsEnd..ContextsStart].Clear();
            NegotiateContextList.Write(destination[ContextsStart..], NegotiateContexts);
        }
    }

    public static DecodeResult<NegotiateRequest> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, Name, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        var dialectCount = span.U16(body + 2);
        error = BodyChecks.Buffer(span.Length, Name, Clause, "DialectCount", body + FixedLength, 2L * dialectCount, body + FixedLength);
        if (error is not null)
        {
            return error with { Problem = $"{dialectCount} dialects need {2 * dialectCount} bytes after the fixed part; the body has {span.Length - body - FixedLength}", Offset = body + 2 };
        }
        var request = new NegotiateRequest
        {
            SecurityMode = (SecurityMode)span.U16(body + 4),
            Reserved = span.U16(body + 6),
            Capabilities = (GlobalCapabilities)span.U32(body + 8),
            ClientGuid = span.Guid(body + 12),
            Dialects = new List<Dialect>(dialectCount),
        };
        for (var i = 0; i < dialectCount; i++)
        {
            request.Dialects.Add((Dialect)span.U16(body + FixedLength + 2 * i));
        }
        if (!request.Dialects.Contains(Dialect.Smb311))
        {
            request.ClientStartTime = span.U64(body + 28);
            return request;
        }
        var contextOffset = span.U32(body + 28);
        var contextCount = span.U16(body + 32);
        request.Reserved2 = span.U16(body + 34);
        if (contextCount > 0)
        {
            var earliest = body + FixedLength + 2 * dialectCount;
            if (contextOffset < earliest || contextOffset > span.Length)
            {
                return new DecodeError(Name, "NegotiateContextOffset", Clause, $"offset {contextOffset} is not within the message after the Dialects ({earliest}..{span.Length})", body + 28);
            }
            var contexts = NegotiateContextList.Read(message, (int)contextOffset, contextCount, Name, Clause);
            if (!contexts.IsSuccess)
            {
                return contexts.Error;
            }
            request.NegotiateContexts = contexts.Value;
        }
        // Keep what differs from the computed layout, so the message re-encodes identically.
        var computedOffset = contextCount == 0 ? 0u : (uint)(body + request.ContextsStart);
        if (contextOffset != computedOffset)
        {
            request.NegotiateContextOffset = contextOffset;
        }
        return request;
    }

    public override string ToString() =>
        $"NEGOTIATE Request [{string.Join(",", Dialects.Select(dialect => dialect.ToDisplayString()))}] {SecurityMode} {Capabilities}" +
        (NegotiateContexts.Count > 0 ? $" contexts: {string.Join("; ", NegotiateContexts)}" : "");
}
