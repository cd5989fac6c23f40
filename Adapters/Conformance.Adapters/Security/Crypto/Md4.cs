using System.Buffers.Binary;
using System.Numerics;

namespace Conformance.Adapters.Security.Crypto;

/// <summary>
/// The MD4 message digest (RFC 1320), which .NET does not provide; NTLM needs it for NTOWF
/// (MS-NLMP 3.3.1, 3.3.2). One-shot only: NTLM hashes short inputs.
/// </summary>
public static class Md4
{
    public const int HashSize = 16;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        Hash(data, hash);
        return hash;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("destination holds fewer than 16 bytes", nameof(destination));
        }
        uint a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        Span<uint> x = stackalloc uint[16];

        // RFC 1320 3.1-3.2: pad with 0x80, zeros to 56 mod 64, then the bit length (64-bit little-endian).
        var paddedLength = ((data.Length + 8) / 64 + 1) * 64;
        var fullBlocks = data.Length / 64;
        for (var block = 0; block < fullBlocks; block++)
        {
            Compress(data.Slice(block * 64, 64), x, ref a, ref b, ref c, ref d);
        }
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var remaining = data[(fullBlocks * 64)..];
        remaining.CopyTo(tail);
        tail[remaining.Length] = 0x80;
        var tailLength = paddedLength - fullBlocks * 64;
        BinaryPrimitives.WriteUInt64LittleEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += 64)
        {
            Compress(tail.Slice(offset, 64), x, ref a, ref b, ref c, ref d);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, a);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], b);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], c);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], d);
    }

    private static void Compress(ReadOnlySpan<byte> block, Span<uint> x, ref uint a, ref uint b, ref uint c, ref uint d)
    {
        for (var i = 0; i < 16; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
        }
        uint aa = a, bb = b, cc = c, dd = d;

        // Round 1 (RFC 1320 3.4): [abcd k s] a = (a + F(b,c,d) + X[k]) <<< s
        ReadOnlySpan<int> shifts1 = [3, 7, 11, 19];
        for (var i = 0; i < 16; i++)
        {
            var f = (b & c) | (~b & d);
            var t = BitOperations.RotateLeft(a + f + x[i], shifts1[i % 4]);
            (a, b, c, d) = (d, t, b, c);
        }

        // Round 2: a = (a + G(b,c,d) + X[k] + 5A827999) <<< s, k in column order.
        ReadOnlySpan<int> shifts2 = [3, 5, 9, 13];
        for (var i = 0; i < 16; i++)
        {
            var k = (i % 4) * 4 + i / 4;
            var g = (b & c) | (b & d) | (c & d);
            var t = BitOperations.RotateLeft(a + g + x[k] + 0x5A827999u, shifts2[i % 4]);
            (a, b, c, d) = (d, t, b, c);
        }

        // Round 3: a = (a + H(b,c,d) + X[k] + 6ED9EBA1) <<< s, k in bit-reversed order.
        ReadOnlySpan<int> order3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
        ReadOnlySpan<int> shifts3 = [3, 9, 11, 15];
        for (var i = 0; i < 16; i++)
        {
            var h = b ^ c ^ d;
            var t = BitOperations.RotateLeft(a + h + x[order3[i]] + 0x6ED9EBA1u, shifts3[i % 4]);
            (a, b, c, d) = (d, t, b, c);
        }

        a += aa;
        b += bb;
        c += cc;
        d += dd;
    }
}
