using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>Signing (3.2.4.1.1, 3.2.5.1.3) and encryption (3.2.4.1.8, 3.2.5.1.1) on this connection.</summary>
public sealed partial class Connection
{
    /// <summary>0xFD 'S' 'M' 'B' read as little-endian: the ProtocolId of a TRANSFORM_HEADER (2.2.41).</summary>
    public const uint TransformProtocolId = TransformHeader.TransformProtocolId;

    /// <summary>
    /// Signs <paramref name="message"/> (one message of the packet, its padding included) as the
    /// request's <see cref="RequestSigning"/> says. Auto signs when the session requires signing and the
    /// packet goes in clear (3.2.4.1.1; an encrypted packet is authenticated by its transform header).
    /// </summary>
    private void ApplySigning(Smb2Request request, Session? session, Span<byte> message, bool encrypted)
    {
        if (!WillSign(request, session, encrypted, out var key))
        {
            return;
        }
        if (key is null && request.Signing == RequestSigning.Sign)
        {
            throw new InvalidOperationException($"cannot sign {request.Command}: {(session is null ? $"no session 0x{request.Header.SessionId:X} in the SessionTable" : $"{session} has no signing key yet")}");
        }
        // The flag is covered by the signature: set it first (3.1.4.1).
        message.U32(16, message.U32(16) | (uint)Smb2HeaderFlags.Signed);
        var signature = message.Slice(Smb2Header.SignatureOffset, Smb2Header.SignatureLength);
        signature.Clear();
        if (key is not null)
        {
            MessageSigner.ComputeSignature(SigningAlgorithm, key, message, signature);
        }
        if (request.Signing == RequestSigning.FalsifySignature)
        {
            signature[0] ^= 0xFF;
        }
    }

    /// <summary>
    /// 3.1.1 (current MS-SMB2 3.2.4.1.1): a TREE_CONNECT request on a session that is neither anonymous
    /// nor guest is signed even when the session does not require signing; servers reject it unsigned.
    /// A session has a SigningKey only when it is neither.
    /// </summary>
    /// <summary>Whether <see cref="ApplySigning"/> signs the request's message, and with which key (null: none yet).</summary>
    private bool WillSign(Smb2Request request, Session? session, bool encrypted, out byte[]? key)
    {
        key = session is null ? null : SigningKeyFor(session, request.Command);
        return request.Signing switch
        {
            RequestSigning.Sign or RequestSigning.FalsifySignature => true,
            RequestSigning.DoNotSign => false,
            _ => !encrypted && key is not null && (session is { SigningRequired: true } || MustSignTreeConnect(request.Command, session)),
        };
    }

    private bool MustSignTreeConnect(Smb2Command command, Session? session) =>
        command == Smb2Command.TreeConnect && Dialect == Wire.Dialect.Smb311 && session?.SigningKey is not null;

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
        // A SESSION_SETUP Response other than STATUS_SUCCESS is checked with Session.SigningKey,
        // everything else with this connection's Channel.SigningKey (3.2.5.1.3).
        var key = header.Command == Smb2Command.SessionSetup && header.Status != NtStatus.Success
            ? SigningKeyFor(session, Smb2Command.SessionSetup)
            : SigningKeyFor(session, Smb2Command.Echo);
        return key is null ? SignatureVerdict.NoKey : VerifyWith(key, response.Bytes.Span);
    }

    /// <summary>
    /// A signed OPLOCK_BREAK notification. 3.2.5.1.3 checks nothing for MessageId 0xFFFFFFFFFFFFFFFF
    /// and servers SHOULD NOT sign one (3.3.4.6, 3.3.4.7); a conformance client records whether a signature
    /// that is there holds: checked with this connection's key of the header's session, looked up here
    /// and then on the client's other connections.
    /// </summary>
    private SignatureVerdict VerifyBreakSignature(Smb2Response response)
    {
        var sessionId = response.Header.SessionId;
        var session = Client.ConnectionTable.Prepend(this)
            .Select(connection => connection.SessionTable.TryGetValue(sessionId, out var found) ? found : null)
            .FirstOrDefault(found => found is not null);
        var key = session is null ? null : SigningKeyFor(session, Smb2Command.OplockBreak);
        return key is null ? SignatureVerdict.NoKey : VerifyWith(key, response.Bytes.Span);
    }

    /// <summary>Checks <paramref name="message"/>'s signature with <paramref name="key"/> and this connection's algorithm.</summary>
    public SignatureVerdict VerifyWith(byte[] key, ReadOnlySpan<byte> message) =>
        MessageSigner.Verify(SigningAlgorithm, key, message) ? SignatureVerdict.Valid : SignatureVerdict.Invalid;

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
        return required && session.EncryptionKey is { Length: > 0 } ? session : null;
    }

    /// <summary>3.1.4.3: the whole packet (a compound included) behind one TRANSFORM_HEADER, fresh nonce.</summary>
    private byte[] Encrypt(Session session, byte[] packet)
    {
        if (TransformCipher is not { } cipher || session.EncryptionKey is not { Length: > 0 } key)
        {
            throw new InvalidOperationException($"cannot encrypt for {session}: {(TransformCipher is null ? $"dialect {Dialect?.ToDisplayString() ?? "Unknown"} negotiated no cipher" : "the session has no EncryptionKey")}");
        }
        return MessageEncryption.Encrypt(cipher, key, session.SessionId, packet);
    }

    /// <summary>3.2.5.1.1: the decrypted packet, or null (with a receive fault noted) when it cannot be decrypted.</summary>
    private ReadOnlyMemory<byte>? Decrypt(ReadOnlyMemory<byte> frame)
    {
        var header = TransformHeader.Read(frame.Span);
        if (!header.IsSuccess)
        {
            Fault($"a {frame.Length}-byte TRANSFORM_HEADER frame is malformed: {header.Error}");
            return null;
        }
        if (!SessionTable.TryGetValue(header.Value.SessionId, out var session) || session.DecryptionKey is not { Length: > 0 } key)
        {
            Fault($"a TRANSFORM_HEADER frame for session 0x{header.Value.SessionId:X}, which has no DecryptionKey here (3.2.5.1.1: discarded)");
            return null;
        }
        if (TransformCipher is not { } cipher)
        {
            Fault($"a TRANSFORM_HEADER frame on a connection with no negotiated cipher (dialect {Dialect?.ToDisplayString() ?? "Unknown"})");
            return null;
        }
        var decrypted = MessageEncryption.Decrypt(cipher, key, frame.Span);
        if (!decrypted.IsSuccess)
        {
            Fault($"a TRANSFORM_HEADER frame for {session} did not decrypt: {decrypted.Error}");
            return null;
        }
        return decrypted.Value.Message;
    }
}
