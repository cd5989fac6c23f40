using System.Security.Cryptography;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>Signing (3.2.4.1.1, 3.2.5.1.3) and encryption (3.2.4.1.8, 3.2.5.1.1) on this connection.</summary>
public sealed partial class Connection
{
    /// <summary>0xFD 'S' 'M' 'B' read as little-endian: the ProtocolId of a TRANSFORM_HEADER (2.2.41).</summary>
    public const uint TransformProtocolId = 0x424D53FD;

    /// <summary>
    /// Signs <paramref name="message"/> (one message of the packet, its padding included) as the
    /// request's <see cref="RequestSigning"/> says. Auto signs when the session requires signing and the
    /// packet is not encrypted (3.2.4.1.1; an encrypted packet is authenticated by its transform header).
    /// </summary>
    private void ApplySigning(Smb2Request request, Session? session, Span<byte> message, bool encrypted)
    {
        var key = session is null ? null : SigningKeyFor(session, request.Command);
        var sign = request.Signing switch
        {
            RequestSigning.Sign or RequestSigning.FalsifySignature => true,
            RequestSigning.DoNotSign => false,
            _ => !encrypted && session is { SigningRequired: true } && key is not null,
        };
        if (!sign)
        {
            return;
        }
        if (key is null && request.Signing == RequestSigning.Sign)
        {
            throw new InvalidOperationException($"cannot sign {request.Command}: {(session is null ? $"no session 0x{request.Header.SessionId:X} in the SessionTable" : $"{session} has no signing key yet")}");
        }
        message.U32(16, message.U32(16) | (uint)Smb2HeaderFlags.Signed);
        var signature = message.Slice(Smb2Header.SignatureOffset, Smb2Header.SignatureLength);
        signature.Clear();
        if (key is not null)
        {
            ComputeSignature(key, message, signature);
        }
        if (request.Signing == RequestSigning.FalsifySignature)
        {
            signature[0] ^= 0xFF;
        }
    }

    /// <summary>3.2.5.1.3 for a response that did not come encrypted; the verdict is recorded, the message kept.</summary>
    private SignatureVerdict VerifySignature(Smb2Response response)
    {
        var header = response.Header;
        SessionTable.TryGetValue(header.SessionId, out var session);
        if (!header.IsSigned)
        {
            return session is { SigningRequired: true } && !response.IsInterim ? SignatureVerdict.MissingButRequired : SignatureVerdict.NotSigned;
        }
        if (session is null)
        {
            return SignatureVerdict.NoKey;
        }
        // A SESSION_SETUP Response other than STATUS_SUCCESS is checked with Session.SigningKey (3.2.5.1.3).
        var command = header.Command == Smb2Command.SessionSetup && header.Status == NtStatus.Success ? Smb2Command.Echo : header.Command;
        var key = SigningKeyFor(session, command);
        return key is null ? SignatureVerdict.NoKey : VerifyWith(key, response.Bytes.Span);
    }

    /// <summary>Checks <paramref name="message"/>'s signature with <paramref name="key"/>: what SessionSetupAsync does once the final response's keys exist.</summary>
    internal SignatureVerdict VerifyWith(byte[] key, ReadOnlySpan<byte> message)
    {
        var copy = message.ToArray();
        var expected = copy.AsSpan(Smb2Header.SignatureOffset, Smb2Header.SignatureLength).ToArray();
        var computed = new byte[Smb2Header.SignatureLength];
        copy.AsSpan(Smb2Header.SignatureOffset, Smb2Header.SignatureLength).Clear();
        ComputeSignature(key, copy, computed);
        return CryptographicOperations.FixedTimeEquals(expected, computed) ? SignatureVerdict.Valid : SignatureVerdict.Invalid;
    }

    /// <summary>
    /// 3.2.4.1.1: SMB 3.x signs SESSION_SETUP with Session.SigningKey and everything else with the
    /// Channel.SigningKey of this connection; SMB 2.x signs with Session.SessionKey.
    /// </summary>
    private byte[]? SigningKeyFor(Session session, Smb2Command command)
    {
        if (Dialect is not { } dialect || !dialect.IsSmb3())
        {
            return session.SessionKey;
        }
        return command == Smb2Command.SessionSetup ? session.SigningKey : session.ChannelOn(this)?.SigningKey ?? session.SigningKey;
    }

    /// <summary>HMAC-SHA256 of 3.1.4.1 for SMB 2.x; the other algorithms come with the security layer.</summary>
    private static void ComputeSignature(byte[] key, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        mac[..Smb2Header.SignatureLength].CopyTo(signature);
    }

    /// <summary>3.2.4.1.8: the session whose EncryptionKey wraps this send, or null to send in clear.</summary>
    private Session? EncryptionSession(Smb2Request first, Session? session)
    {
        if (session is null || first.Encryption == RequestEncryption.DoNotEncrypt || first.Command == Smb2Command.Negotiate)
        {
            return null;
        }
        if (first.Encryption == RequestEncryption.Encrypt)
        {
            return session;
        }
        var tree = TreeOf(first, session);
        var required = session.EncryptData
            || (tree is { EncryptData: true } && first.Command is not (Smb2Command.SessionSetup or Smb2Command.TreeConnect));
        return required && session.EncryptionKey is not null ? session : null;
    }

    private static byte[] Encrypt(Session session, byte[] packet) =>
        throw new NotSupportedException($"encryption for {session} needs the security layer");

    /// <summary>3.2.5.1.1: the decrypted packet, or null (with a receive fault noted) when it cannot be decrypted.</summary>
    private ReadOnlyMemory<byte>? Decrypt(ReadOnlyMemory<byte> frame)
    {
        Fault($"a {frame.Length}-byte TRANSFORM_HEADER frame could not be decrypted: no security layer");
        return null;
    }
}
