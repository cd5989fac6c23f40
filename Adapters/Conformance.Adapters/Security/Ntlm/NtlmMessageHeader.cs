using System.Text;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>The Signature ("NTLMSSP\0") and MessageType that open every NTLM message (MS-NLMP 2.2.1), and its string encodings.</summary>
public static class NtlmMessageHeader
{
    public const int Size = 12;
    public static ReadOnlySpan<byte> Signature => "NTLMSSP\0"u8;

    public static void Write(Span<byte> message, NtlmMessageType type)
    {
        Signature.CopyTo(message);
        message.U32(8, (uint)type);
    }

    /// <summary>The type of an NTLM message, or null when the bytes do not start like one.</summary>
    public static NtlmMessageType? Peek(ReadOnlySpan<byte> message) =>
        message.Length >= Size && message[..8].SequenceEqual(Signature) ? (NtlmMessageType)message.U32(8) : null;

    internal static DecodeError? Check(ReadOnlySpan<byte> message, string messageName, string clause, NtlmMessageType type, int fixedLength)
    {
        if (message.Length < fixedLength)
        {
            return new DecodeError(messageName, "(fixed part)", clause, $"message is {message.Length} bytes, shorter than its {fixedLength}-byte fixed part");
        }
        if (!message[..8].SequenceEqual(Signature))
        {
            return new DecodeError(messageName, "Signature", clause, $"expected \"NTLMSSP\\0\", got {Convert.ToHexString(message[..8])}", 0);
        }
        var actual = message.U32(8);
        if (actual != (uint)type)
        {
            return new DecodeError(messageName, "MessageType", clause, $"expected {(uint)type}, got {actual}", 8);
        }
        return null;
    }

    /// <summary>UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE is negotiated, the OEM character set otherwise (MS-NLMP 2.2).</summary>
    internal static Encoding StringEncoding(NegotiateFlags flags) =>
        (flags & NegotiateFlags.NegotiateUnicode) != 0 ? Encoding.Unicode : Encoding.Latin1;

    internal static DecodeError? CheckUnicodeLength(NegotiateFlags flags, int length, string messageName, string clause, string field, int fieldOffset) =>
        (flags & NegotiateFlags.NegotiateUnicode) != 0 && (length & 1) != 0
            ? new DecodeError(messageName, field + "Len", clause, $"{length} bytes cannot hold UTF-16 characters", fieldOffset)
            : null;
}
