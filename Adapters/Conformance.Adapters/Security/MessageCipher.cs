using System.Buffers.Binary;
using System.Security.Cryptography;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Security;

/// <summary>
/// One direction's AEAD for transformed messages (MS-SMB2 3.1.4.3, 3.2.4.1.8, 3.3.4.1.4,
/// 3.2.5.1.1.1, 3.3.5.2.1.1; current MS-SMB2 2.2.41 for GCM and the AES-256 ciphers), keyed once
/// with Session.EncryptionKey or Session.DecryptionKey: TRANSFORM_HEADER, then the ciphertext. The
/// AEAD takes the first 11 (CCM) or 12 (GCM) bytes of the Nonce field as nonce and the 32 header
/// bytes from the Nonce field on as associated data, and its 16-byte tag is the Signature field.
/// The span methods allocate nothing. Not thread-safe; see <see cref="MessageEncryption"/> for
/// one-shot calls.
/// </summary>
public sealed class MessageCipher : IDisposable
{
    private const string Clause = "3.1.4.3";
    private const int TagSize = 16;

    private readonly AesGcm? _gcm;
    private readonly AesCcm? _ccm;

    public MessageCipher(Cipher cipher, ReadOnlySpan<byte> key)
    {
        if (!Enum.IsDefined(cipher))
        {
            throw new ArgumentOutOfRangeException(nameof(cipher), cipher, "not a cipher of 2.2.3.1.2");
        }
        if (key.Length != cipher.KeySize())
        {
            throw new ArgumentException($"{cipher.ToDisplayString()} takes a {cipher.KeySize()}-byte key, not {key.Length} bytes", nameof(key));
        }
        Cipher = cipher;
        if (cipher.IsGcm())
        {
            _gcm = new AesGcm(key, TagSize);
        }
        else
        {
            _ccm = new AesCcm(key);
        }
    }

    public Cipher Cipher { get; }

    public static int TransformedLength(int messageLength) => TransformHeader.Size + messageLength;

    /// <summary>Writes the transformed message into <paramref name="destination"/> (<see cref="TransformedLength"/> bytes).</summary>
    /// <param name="nonce">From the cipher's nonce size (11 or 12 bytes) up to the whole 16-byte Nonce
    /// field; a shorter value is zero-filled to 16 bytes. All 16 bytes are associated data.</param>
    public void Encrypt(ulong sessionId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (nonce.Length < Cipher.NonceSize() || nonce.Length > TransformHeader.NonceLength)
        {
            throw new ArgumentException($"{Cipher.ToDisplayString()} takes a nonce of {Cipher.NonceSize()} to {TransformHeader.NonceLength} bytes, not {nonce.Length}", nameof(nonce));
        }
        if (message.IsEmpty)
        {
            throw new ArgumentException("there is no message to encrypt", nameof(message));
        }
        if (destination.Length < TransformedLength(message.Length))
        {
            throw new ArgumentException($"the transformed message needs {TransformedLength(message.Length)} bytes", nameof(destination));
        }
        var transformed = destination[..TransformedLength(message.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(transformed, TransformHeader.TransformProtocolId);
        var nonceField = transformed.Slice(TransformHeader.NonceOffset, TransformHeader.NonceLength);
        nonceField.Clear();
        nonce.CopyTo(nonceField);
        BinaryPrimitives.WriteUInt32LittleEndian(transformed[36..], (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(transformed[40..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(transformed[42..], TransformHeader.Encrypted);
        BinaryPrimitives.WriteUInt64LittleEndian(transformed[44..], sessionId);

        var associatedData = transformed.Slice(TransformHeader.AssociatedDataOffset, TransformHeader.AssociatedDataLength);
        var aeadNonce = transformed.Slice(TransformHeader.NonceOffset, Cipher.NonceSize());
        var tag = transformed.Slice(TransformHeader.SignatureOffset, TransformHeader.SignatureLength);
        var ciphertext = transformed[TransformHeader.Size..];
        if (_gcm is not null)
        {
            _gcm.Encrypt(aeadNonce, message, ciphertext, tag, associatedData);
        }
        else
        {
            _ccm!.Encrypt(aeadNonce, message, ciphertext, tag, associatedData);
        }
    }

    /// <summary>
    /// Validates the TRANSFORM_HEADER (<see cref="TransformHeader.Check"/>), then decrypts and
    /// authenticates into <paramref name="destination"/> (at least OriginalMessageSize bytes).
    /// Null on success; on failure the destination holds no plaintext.
    /// </summary>
    public DecryptError? Decrypt(ReadOnlySpan<byte> transformedMessage, Span<byte> destination)
    {
        var malformed = TransformHeader.Check(transformedMessage);
        if (malformed is not null)
        {
            return new DecryptError(DecryptFailure.MalformedTransformHeader, malformed);
        }
        var ciphertext = transformedMessage[TransformHeader.Size..];
        if (destination.Length < ciphertext.Length)
        {
            throw new ArgumentException($"the decrypted message needs {ciphertext.Length} bytes", nameof(destination));
        }
        var plaintext = destination[..ciphertext.Length];
        var associatedData = transformedMessage.Slice(TransformHeader.AssociatedDataOffset, TransformHeader.AssociatedDataLength);
        var aeadNonce = transformedMessage.Slice(TransformHeader.NonceOffset, Cipher.NonceSize());
        var tag = transformedMessage.Slice(TransformHeader.SignatureOffset, TransformHeader.SignatureLength);
        try
        {
            if (_gcm is not null)
            {
                _gcm.Decrypt(aeadNonce, ciphertext, tag, plaintext, associatedData);
            }
            else
            {
                _ccm!.Decrypt(aeadNonce, ciphertext, tag, plaintext, associatedData);
            }
        }
        catch (CryptographicException)
        {
            // AuthenticationTagMismatchException: the runtime has already cleared the plaintext.
            return new DecryptError(DecryptFailure.AuthenticationFailed,
                new DecodeError("SMB2 TRANSFORM_HEADER", "Signature", Clause,
                    $"{Cipher.ToDisplayString()} authentication failed: the tag does not match the header, nonce and ciphertext under this key",
                    TransformHeader.SignatureOffset));
        }
        return null;
    }

    /// <summary>Decrypts into a new array, with the header read as an object.</summary>
    public DecryptResult Decrypt(ReadOnlySpan<byte> transformedMessage)
    {
        var header = TransformHeader.Read(transformedMessage);
        if (!header.IsSuccess)
        {
            return new DecryptError(DecryptFailure.MalformedTransformHeader, header.Error);
        }
        var message = new byte[header.Value.OriginalMessageSize];
        var error = Decrypt(transformedMessage, message);
        return error is null ? new DecryptedMessage(header.Value, message) : error;
    }

    /// <summary>Fills a 16-byte Nonce field: random bytes in the part the cipher uses, zeros in the reserved rest (2.2.41).</summary>
    public static void NewNonce(Cipher cipher, Span<byte> nonceField)
    {
        nonceField[..TransformHeader.NonceLength].Clear();
        RandomNumberGenerator.Fill(nonceField[..cipher.NonceSize()]);
    }

    public void Dispose()
    {
        _gcm?.Dispose();
        _ccm?.Dispose();
    }
}
