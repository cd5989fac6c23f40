using System.Security.Cryptography;

namespace Conformance.Adapters.Security;

/// <summary>
/// AES-CMAC (RFC 4493), keyed once and reusable for many messages: the SMB 3.x signing MAC
/// (MS-SMB2 3.1.4.1). Data may be appended in pieces (<see cref="AppendData"/>, then
/// <see cref="GetTag"/>) or in one call (<see cref="Compute(ReadOnlySpan{byte}, Span{byte})"/>).
/// The whole blocks of a message are chained with one AES-CBC call per 4 KiB (CBC-MAC is the last
/// CBC block), so nothing is allocated per message or per block. Not thread-safe.
/// </summary>
public sealed class AesCmac : IDisposable
{
    public const int BlockSize = 16;
    public const int TagSize = 16;
    private const int ChunkSize = 4096;

    private readonly Aes _aes;
    private readonly byte[] _k1 = new byte[BlockSize];
    private readonly byte[] _k2 = new byte[BlockSize];
    private readonly byte[] _state = new byte[BlockSize];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _pendingLength;

    /// <param name="key">16 bytes for AES-128 (RFC 4493); 24 or 32 bytes select AES-192/256.</param>
    public AesCmac(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"an AES key is 16, 24 or 32 bytes, not {key.Length}", nameof(key));
        }
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        // RFC 4493 2.3: L = AES-K(0^128); K1 = L << 1 (^ Rb if msb), K2 = K1 << 1 (^ Rb if msb).
        Span<byte> l = stackalloc byte[BlockSize];
        l.Clear();
        _aes.EncryptEcb(l, l, PaddingMode.None);
        Double(l, _k1);
        Double(_k1, _k2);
    }

    internal ReadOnlySpan<byte> K1 => _k1;
    internal ReadOnlySpan<byte> K2 => _k2;

    /// <summary>One-shot AES-CMAC with a key used once.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        using var cmac = new AesCmac(key);
        cmac.Compute(message, tag);
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> tag)
    {
        Reset();
        AppendData(message);
        GetTag(tag);
    }

    /// <summary>Starts a new message (<see cref="GetTag"/> also does this).</summary>
    public void Reset()
    {
        _state.AsSpan().Clear();
        _pendingLength = 0;
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        // The last block of the message gets special treatment, so a full block is held back in
        // _pending until more data shows that it is not the last one.
        if (_pendingLength + data.Length <= BlockSize)
        {
            data.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += data.Length;
            return;
        }
        if (_pendingLength > 0)
        {
            var fill = BlockSize - _pendingLength;
            data[..fill].CopyTo(_pending.AsSpan(_pendingLength));
            data = data[fill..];
            ChainBlocks(_pending);
            _pendingLength = 0;
        }
        // data is not empty here; keep its last 1..16 bytes pending.
        var wholeBlocks = (data.Length - 1) / BlockSize * BlockSize;
        ChainBlocks(data[..wholeBlocks]);
        data[wholeBlocks..].CopyTo(_pending);
        _pendingLength = data.Length - wholeBlocks;
    }

    /// <summary>Writes the 16-byte tag of the data appended since the last reset, then resets.</summary>
    public void GetTag(Span<byte> tag)
    {
        if (tag.Length < TagSize)
        {
            throw new ArgumentException($"the tag needs {TagSize} bytes", nameof(tag));
        }
        Span<byte> last = stackalloc byte[BlockSize];
        if (_pendingLength == BlockSize)
        {
            Xor(_pending, _k1, last);
        }
        else
        {
            // RFC 4493 2.4 step 4: padding is a single 1 bit followed by zeros.
            last.Clear();
            _pending.AsSpan(0, _pendingLength).CopyTo(last);
            last[_pendingLength] = 0x80;
            Xor(last, _k2, last);
        }
        Xor(last, _state, last);
        _aes.EncryptEcb(last, tag[..TagSize], PaddingMode.None);
        Reset();
    }

    public void Dispose() => _aes.Dispose();

    /// <summary>CBC-encrypts whole blocks with the running state as IV; the last ciphertext block is the new state.</summary>
    private void ChainBlocks(ReadOnlySpan<byte> blocks)
    {
        if (blocks.IsEmpty)
        {
            return;
        }
        Span<byte> scratch = stackalloc byte[ChunkSize];
        while (!blocks.IsEmpty)
        {
            var length = Math.Min(blocks.Length, ChunkSize);
            var written = _aes.EncryptCbc(blocks[..length], _state, scratch, PaddingMode.None);
            scratch.Slice(written - BlockSize, BlockSize).CopyTo(_state);
            blocks = blocks[length..];
        }
    }

    /// <summary>Multiplication by x in GF(2^128) (RFC 4493 2.3, Rb = 0x87).</summary>
    private static void Double(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var carry = input[0] >> 7;
        for (var i = 0; i < BlockSize - 1; i++)
        {
            output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
        }
        output[BlockSize - 1] = (byte)((input[BlockSize - 1] << 1) ^ (carry * 0x87));
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        for (var i = 0; i < BlockSize; i++)
        {
            result[i] = (byte)(a[i] ^ b[i]);
        }
    }
}
