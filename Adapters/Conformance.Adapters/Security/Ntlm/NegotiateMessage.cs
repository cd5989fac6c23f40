using System.Text;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). DomainName and Workstation are OEM strings.</summary>
public sealed class NegotiateMessage
{
    private const string Name = "NEGOTIATE_MESSAGE";
    private const string Clause = "MS-NLMP 2.2.1.1";
    private const int FixedLength = 32;

    public NegotiateFlags NegotiateFlags { get; set; }
    public string DomainName { get; set; } = "";
    public string Workstation { get; set; } = "";

    /// <summary>Written when not null (the spec: present when NTLMSSP_NEGOTIATE_VERSION is set).</summary>
    public NtlmVersion? Version { get; set; }

    private int PayloadOffset => FixedLength + (Version is null ? 0 : NtlmVersion.Size);

    public int Size => PayloadOffset + Encoding.Latin1.GetByteCount(DomainName) + Encoding.Latin1.GetByteCount(Workstation);

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public void WriteTo(Span<byte> destination)
    {
        NtlmMessageHeader.Write(destination, NtlmMessageType.Negotiate);
        destination.U32(12, (uint)NegotiateFlags);
        var domain = Encoding.Latin1.GetBytes(DomainName);
        var workstation = Encoding.Latin1.GetBytes(Workstation);
        var offset = PayloadOffset;
        NtlmPayloadField.Write(destination, 16, domain.Length, offset);
        destination.Bytes(offset, domain);
        offset += domain.Length;
        NtlmPayloadField.Write(destination, 24, workstation.Length, offset);
        destination.Bytes(offset, workstation);
        Version?.WriteTo(destination[FixedLength..]);
    }

    public static DecodeResult<NegotiateMessage> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = NtlmMessageHeader.Check(span, Name, Clause, NtlmMessageType.Negotiate, FixedLength);
        if (error is not null)
        {
            return error;
        }
        error = NtlmPayloadField.Read(span, 16, Name, Clause, "DomainName", FixedLength, out var domainOffset, out var domainLength);
        if (error is not null)
        {
            return error;
        }
        error = NtlmPayloadField.Read(span, 24, Name, Clause, "Workstation", FixedLength, out var workstationOffset, out var workstationLength);
        if (error is not null)
        {
            return error;
        }
        var payloadStart = NtlmPayloadField.PayloadStart(span.Length, [(domainOffset, domainLength), (workstationOffset, workstationLength)]);
        return new NegotiateMessage
        {
            NegotiateFlags = (NegotiateFlags)span.U32(12),
            DomainName = Encoding.Latin1.GetString(span.Slice(domainLength == 0 ? 0 : domainOffset, domainLength)),
            Workstation = Encoding.Latin1.GetString(span.Slice(workstationLength == 0 ? 0 : workstationOffset, workstationLength)),
            Version = payloadStart >= FixedLength + NtlmVersion.Size ? NtlmVersion.Read(span[FixedLength..]) : null,
        };
    }

    public override string ToString() => $"{Name} flags 0x{(uint)NegotiateFlags:X8}";
}
