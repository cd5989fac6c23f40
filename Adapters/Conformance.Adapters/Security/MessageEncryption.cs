using System.Security.Cryptography;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security;

/// <summary>
/// Encrypts an SMB2 message (or compound) into a transformed message and back (MS-SMB2 3.1.4.3,
/// 3.2.4.1.8, 3.3.4.1.4, 3.2.5.1.1.1, 3.3.5.2.1.1; current MS-SMB2 2.2.41 for the GCM and AES-256
/// ciphers): TRANSFORM_HEADER, then the ciphertext. The AEAD takes the first 11 (CCM) or 12 (GCM)
/// bytes of the Nonce field as nonce, the 32 header bytes from the Nonce field on as associated
/// data, and writes its 16-byte tag into the Signature field.
/// </summary>
public static class MessageEncryption
{
    private const string Clause = "3.1.4.3";
    private const int TagSize = 16;

    public static int TransformedLength(int messageLength) => TransformHeader.Size + messageLength;

    /// <summary>Encrypts with a fresh random nonce (the Nonce field's unused bytes stay zero).</summary>
    public static byte[] Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> message)
    {
        Span<byte> nonce = stackalloc byte[TransformHeader.NonceLength];
        NewNonce(cipher, nonce);
        return Encrypt(cipher, key, sessionId, nonce, message);
    }

    /// <summary>Encrypts with the given Nonce field (for known answers and re-encryption).</summary>
    /// <param name="nonce">From the cipher's nonce size (11 or 12 bytes) up to the whole 16-byte Nonce
    /// field; a shorter value is zero-filled to 16 bytes. All 16 bytes are associated data.</param>
    public static byte[] Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message)
    {
        var transformed = new byte[TransformedLength(message.Length)];
        Encrypt(cipher, key, sessionId, nonce, message, transformed);
        return transformed;
    }

    /// <summary>Writes the transformed message into <paramref name="destination"/> (<see cref="TransformedLength"/> bytes).</summary>
    public static void Encrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ulong sessionId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        RequireKey(cipher, key);
        if (nonce.Length < cipher.NonceSize() || nonce.Length > TransformHeader.NonceLength)
        {
            throw new ArgumentException($"{cipher.ToDisplayString()} takes a nonce of {cipher.NonceSize()} to {TransformHeader.NonceLength} bytes, not {nonce.Length}", nameof(nonce));
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
        var header = new TransformHeader
        {
            Nonce = nonce.ToArray(),
            OriginalMessageSize = (uint)message.Length,
            SessionId = sessionId,
        };
        header.WriteTo(transformed);
        var associatedData = transformed.Slice(TransformHeader.AssociatedDataOffset, TransformHeader.AssociatedDataLength);
        var aeadNonce = transformed.Slice(TransformHeader.NonceOffset, cipher.NonceSize());
        var tag = transformed.Slice(TransformHeader.SignatureOffset, TransformHeader.SignatureLength);
        var ciphertext = transformed[TransformHeader.Size..];
        if (cipher.IsGcm())
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Encrypt(aeadNonce, message, ciphertext, tag, associatedData);
        }
        else
        {
            using var ccm = new AesCcm(key);
            ccm.Encrypt(aeadNonce, message, ciphertext, tag, associatedData);
        }
    }

    /// <summary>Validates the TRANSFORM_HEADER, then decrypts and authenticates the message.</summary>
    public static DecryptResult Decrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> transformedMessage)
    {
        var header = TransformHeader.Read(transformedMessage);
        if (!header.IsSuccess)
        {
            return new DecryptError(DecryptFailure.MalformedTransformHeader, header.Error);
        }
        var message = new byte[header.Value.OriginalMessageSize];
        var error = Decrypt(cipher, key, transformedMessage, message);
        return error is null ? new DecryptedMessage(header.Value, message) : error;
    }

    /// <summary>
    /// Decrypts into <paramref name="destination"/> (at least OriginalMessageSize bytes) without
    /// allocating; returns null on success. On failure the destination holds no plaintext.
    /// </summary>
    public static DecryptError? Decrypt(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key, ReadOnlySpan<byte> transformedMessage, Span<byte> destination)
    {
        RequireKey(cipher, key);
        var header = TransformHeader.Read(transformedMessage);
        if (!header.IsSuccess)
        {
            return new DecryptError(DecryptFailure.MalformedTransformHeader, header.Error);
        }
        var ciphertext = transformedMessage[TransformHeader.Size..];
        if (destination.Length < ciphertext.Length)
        {
            throw new ArgumentException($"the decrypted message needs {ciphertext.Length} bytes", nameof(destination));
        }
        var plaintext = destination[..ciphertext.Length];
        var associatedData = transformedMessage.Slice(TransformHeader.AssociatedDataOffset, TransformHeader.AssociatedDataLength);
        var aeadNonce = transformedMessage.Slice(TransformHeader.NonceOffset, cipher.NonceSize());
        var tag = transformedMessage.Slice(TransformHeader.SignatureOffset, TransformHeader.SignatureLength);
        try
        {
            if (cipher.IsGcm())
            {
                using var gcm = new AesGcm(key, TagSize);
                gcm.Decrypt(aeadNonce, ciphertext, tag, plaintext, associatedData);
            }
            else
            {
                using var ccm = new AesCcm(key);
                ccm.Decrypt(aeadNonce, ciphertext, tag, plaintext, associatedData);
            }
        }
        catch (CryptographicException)
        {
            // AuthenticationTagMismatchException: the runtime has already cleared the plaintext.
            return new DecryptError(DecryptFailure.AuthenticationFailed,
                new DecodeError("SMB2 TRANSFORM_HEADER", "Signature", Clause,
                    $"{cipher.ToDisplayString()} authentication failed: the tag does not match the header, nonce and ciphertext under this key",
                    TransformHeader.SignatureOffset));
        }
        return null;
    }

    /// <summary>Fills a 16-byte Nonce field: random bytes in the part the cipher uses, zeros in the reserved rest (2.2.41).</summary>
    public static void NewNonce(EncryptionAlgorithm cipher, Span<byte> nonceField)
    {
        nonceField[..TransformHeader.NonceLength].Clear();
        RandomNumberGenerator.Fill(nonceField[..cipher.NonceSize()]);
    }

    private static void RequireKey(EncryptionAlgorithm cipher, ReadOnlySpan<byte> key)
    {
        if (!Enum.IsDefined(cipher))
        {
            throw new ArgumentOutOfRangeException(nameof(cipher), cipher, "not a cipher of 2.2.3.1.2");
        }
        if (key.Length != cipher.KeySize())
        {
            throw new ArgumentException($"{cipher.ToDisplayString()} takes a {cipher.KeySize()}-byte key, not {key.Length} bytes", nameof(key));
        }
    }
}
