using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Security;

/// <summary>
/// Signs and verifies single SMB2 messages (MS-SMB2 3.1.4.1, 3.1.5.1; current MS-SMB2 for
/// AES-GMAC): the signature is computed over the whole message with its 16-byte Signature field
/// (header offset 48) taken as zero, padding included when the message is part of a compound; each
/// message of a compound is signed on its own. Keyed once and reusable; not thread-safe. The
/// static methods take the key per call. Setting SMB2_FLAGS_SIGNED is the caller's business
/// (3.2.4.1.1, 3.3.4.1.1): the flag is covered by the signature, so set it before signing.
/// </summary>
public sealed class MessageSigner : IDisposable
{
    public const int SignatureOffset = Smb2Header.SignatureOffset;
    public const int SignatureLength = Smb2Header.SignatureLength;

    private readonly byte[] _key;
    private readonly AesCmac? _cmac;
    private readonly AesGcm? _gcm;

    /// <param name="key">The signing key: Session.SessionKey for 2.0.2/2.1 (HMAC-SHA256, any length),
    /// Session.SigningKey or Channel.SigningKey (16 bytes) for the AES algorithms.</param>
    public MessageSigner(SigningAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        Algorithm = algorithm;
        _key = key.ToArray();
        switch (algorithm)
        {
            case SigningAlgorithm.HmacSha256:
                break;
            case SigningAlgorithm.AesCmac:
                RequireAes128Key(key);
                _cmac = new AesCmac(key);
                break;
            case SigningAlgorithm.AesGmac:
                RequireAes128Key(key);
                _gcm = new AesGcm(key, AesGmac.TagSize);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a signing algorithm of 2.2.3.1.7");
        }
    }

    public SigningAlgorithm Algorithm { get; }

    public static void ComputeSignature(SigningAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        using var signer = new MessageSigner(algorithm, key);
        signer.ComputeSignature(message, signature);
    }

    public static void Sign(SigningAlgorithm algorithm, ReadOnlySpan<byte> key, Span<byte> message)
    {
        using var signer = new MessageSigner(algorithm, key);
        signer.Sign(message);
    }

    public static bool Verify(SigningAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        using var signer = new MessageSigner(algorithm, key);
        return signer.Verify(message);
    }

    /// <summary>
    /// The 16-byte signature of <paramref name="message"/> (one message with its padding) as if its
    /// Signature field were zero; the message itself is not changed.
    /// </summary>
    public void ComputeSignature(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (message.Length < Smb2Header.Size)
        {
            throw new ArgumentException($"a signed message holds at least the {Smb2Header.Size}-byte header, this one is {message.Length} bytes", nameof(message));
        }
        if (signature.Length < SignatureLength)
        {
            throw new ArgumentException($"the signature needs {SignatureLength} bytes", nameof(signature));
        }
        ReadOnlySpan<byte> zeroSignature = stackalloc byte[SignatureLength];
        var beforeSignature = message[..SignatureOffset];
        var afterSignature = message[(SignatureOffset + SignatureLength)..];
        switch (Algorithm)
        {
            case SigningAlgorithm.HmacSha256:
            {
                // 3.1.4.1 step 3: the first 16 bytes of the 32-byte HMAC-SHA256.
                using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
                hmac.AppendData(beforeSignature);
                hmac.AppendData(zeroSignature);
                hmac.AppendData(afterSignature);
                Span<byte> hash = stackalloc byte[32];
                hmac.GetHashAndReset(hash);
                hash[..SignatureLength].CopyTo(signature);
                break;
            }
            case SigningAlgorithm.AesCmac:
                _cmac!.Reset();
                _cmac.AppendData(beforeSignature);
                _cmac.AppendData(zeroSignature);
                _cmac.AppendData(afterSignature);
                _cmac.GetTag(signature);
                break;
            case SigningAlgorithm.AesGmac:
            {
                // GMAC authenticates one contiguous buffer: a copy with the Signature field zeroed.
                Span<byte> nonce = stackalloc byte[AesGmac.NonceSize];
                GmacNonce(message, nonce);
                var copy = ArrayPool<byte>.Shared.Rent(message.Length);
                try
                {
                    var data = copy.AsSpan(0, message.Length);
                    message.CopyTo(data);
                    data.Slice(SignatureOffset, SignatureLength).Clear();
                    AesGmac.Compute(_gcm!, nonce, data, signature);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
                break;
            }
        }
    }

    /// <summary>Computes the signature and writes it into the message's Signature field.</summary>
    public void Sign(Span<byte> message)
    {
        Span<byte> signature = stackalloc byte[SignatureLength];
        ComputeSignature(message, signature);
        signature.CopyTo(message.Slice(SignatureOffset, SignatureLength));
    }

    /// <summary>
    /// Whether the message's Signature field holds its signature (3.1.5.1), compared in constant
    /// time. A message shorter than the header verifies as false.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message)
    {
        if (message.Length < Smb2Header.Size)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[SignatureLength];
        ComputeSignature(message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, message.Slice(SignatureOffset, SignatureLength));
    }

    /// <summary>Signs each message of an encoded packet on its own, as <see cref="Smb2Compound.Encode(IReadOnlyList{Smb2Message}, out Range[])"/> reports their ranges.</summary>
    public void SignEach(Span<byte> packet, IReadOnlyList<Range> messageRanges)
    {
        foreach (var range in messageRanges)
        {
            Sign(packet[range]);
        }
    }

    /// <summary>Verifies each message of a received packet (as <see cref="Smb2Compound.Split"/> cuts it) on its own.</summary>
    public bool[] VerifyEach(IReadOnlyList<MessageSlice> messages)
    {
        var results = new bool[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            results[i] = Verify(messages[i].Bytes.Span);
        }
        return results;
    }

    /// <summary>
    /// The 12-byte AES-GMAC nonce of a message (current MS-SMB2 3.1.4.1): MessageId (8 bytes, as in
    /// the header), then 4 bytes whose least significant bit is 1 when the server sends the message
    /// (SMB2_FLAGS_SERVER_TO_REDIR set) and whose next bit is 1 for an SMB2 CANCEL request; the
    /// other 30 bits are zero.
    /// </summary>
    public static void GmacNonce(ReadOnlySpan<byte> message, Span<byte> nonce)
    {
        var messageId = BinaryPrimitives.ReadUInt64LittleEndian(message[24..]);
        var flags = (Smb2HeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[16..]);
        var command = (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(message[12..]);
        var fromServer = (flags & Smb2HeaderFlags.ServerToRedir) != 0;
        var role = fromServer ? 1u : 0u;
        var cancel = !fromServer && command == Smb2Command.Cancel ? 2u : 0u;
        BinaryPrimitives.WriteUInt64LittleEndian(nonce, messageId);
        BinaryPrimitives.WriteUInt32LittleEndian(nonce[8..], role | cancel);
    }

    public void Dispose()
    {
        _cmac?.Dispose();
        _gcm?.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }

    private static void RequireAes128Key(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException($"AES-128 signing takes a 16-byte key, not {key.Length} bytes", nameof(key));
        }
    }
}
