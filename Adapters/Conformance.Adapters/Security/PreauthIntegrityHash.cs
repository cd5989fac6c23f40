using System.Security.Cryptography;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security;

/// <summary>
/// A 3.1.1 preauthentication integrity hash value (current MS-SMB2 3.2.5.2, 3.2.5.3, 3.3.5.4,
/// 3.3.5.5): SHA-512 chaining H(i) = SHA-512(H(i-1) || message), from 64 zero bytes. The
/// connection's value covers the NEGOTIATE request and response; each session's value starts from
/// it and goes on over the SESSION_SETUP requests and the responses that are not the final one
/// (<see cref="Covers"/>). Immutable: <see cref="Update"/> returns the next value, so a
/// connection's value can seed several sessions.
/// </summary>
public sealed class PreauthIntegrityHash : IEquatable<PreauthIntegrityHash>
{
    public const int Size = 64;

    /// <summary>HashAlgorithmId of SHA-512 in SMB2_PREAUTH_INTEGRITY_CAPABILITIES (2.2.3.1.1).</summary>
    public const ushort Sha512 = 0x0001;

    private readonly byte[] _value;

    private PreauthIntegrityHash(byte[] value) => _value = value;

    /// <summary>All zeros: the value before the NEGOTIATE request.</summary>
    public static PreauthIntegrityHash Initial { get; } = new(new byte[Size]);

    public ReadOnlySpan<byte> Value => _value;

    public static PreauthIntegrityHash FromValue(ReadOnlySpan<byte> value) =>
        value.Length == Size
            ? new PreauthIntegrityHash(value.ToArray())
            : throw new ArgumentException($"a preauth integrity hash value is {Size} bytes, not {value.Length}", nameof(value));

    /// <summary>H(i) = SHA-512(H(i-1) || message), over the whole message, SMB2 header included.</summary>
    public PreauthIntegrityHash Update(ReadOnlySpan<byte> message)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha.AppendData(_value);
        sha.AppendData(message);
        var next = new byte[Size];
        sha.GetHashAndReset(next);
        return new PreauthIntegrityHash(next);
    }

    /// <summary>
    /// Whether a message enters the hash: NEGOTIATE requests and responses, SESSION_SETUP requests,
    /// and SESSION_SETUP responses with STATUS_MORE_PROCESSING_REQUIRED (the final, successful
    /// response is signed with keys derived from the hash, so it is not part of it).
    /// </summary>
    public static bool Covers(Smb2Header header) => header.Command switch
    {
        Smb2Command.Negotiate => true,
        Smb2Command.SessionSetup => !header.IsResponse || header.Status == NtStatus.MoreProcessingRequired,
        _ => false,
    };

    public bool Equals(PreauthIntegrityHash? other) => other is not null && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as PreauthIntegrityHash);

    public override int GetHashCode() => BitConverter.ToInt32(_value, 0);

    public override string ToString() => Convert.ToHexString(_value);
}
