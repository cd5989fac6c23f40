using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conformance.Adapters.Security;

/// <summary>
/// The SP800-108 key derivation function in counter mode with HMAC-SHA256 as PRF and r = 32, as
/// MS-SMB2 3.1.4.2 uses it: K(i) = HMAC-SHA256(Ki, [i]32 || Label || 0x00 || Context || [L]32),
/// result = the first L bits of K(1) || K(2) || ... . L is the destination's length in bits.
/// The SMB labels and contexts carry their own terminating NUL (their "buffer size ... including
/// the terminating null character"), so the input holds that NUL and then the 0x00 separator.
/// </summary>
public static class Sp800108Kdf
{
    private const int PrfLength = 32;

    public static void DeriveKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            throw new ArgumentException("the derived key needs at least one byte", nameof(destination));
        }
        var inputLength = 4 + label.Length + 1 + context.Length + 4;
        Span<byte> input = inputLength <= 512 ? stackalloc byte[inputLength] : new byte[inputLength];
        label.CopyTo(input[4..]);
        input[4 + label.Length] = 0x00;
        context.CopyTo(input[(5 + label.Length)..]);
        BinaryPrimitives.WriteUInt32BigEndian(input[^4..], checked((uint)destination.Length * 8));

        Span<byte> block = stackalloc byte[PrfLength];
        var counter = 1u;
        for (var offset = 0; offset < destination.Length; offset += PrfLength, counter++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(input, counter);
            HMACSHA256.HashData(key, input, block);
            var take = Math.Min(PrfLength, destination.Length - offset);
            block[..take].CopyTo(destination[offset..]);
        }
    }

    public static byte[] DeriveKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, int lengthInBits)
    {
        if (lengthInBits <= 0 || lengthInBits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthInBits), lengthInBits, "a whole, positive number of bytes");
        }
        var result = new byte[lengthInBits / 8];
        DeriveKey(key, label, context, result);
        return result;
    }
}
