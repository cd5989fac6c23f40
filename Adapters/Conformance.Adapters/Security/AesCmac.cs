using System.Security.Cryptography;

namespace Conformance.Adapters.Security;

/// <summary>
/// AES-CMAC (RFC 4493), keyed once and reusable for many messages: the SMB 3.x signing MAC
/// (MS-SMB2 3.1.4.1). Data may be appended in pieces (<see cref="AppendData"/>, then
/// <see cref="GetTag"/>) or in one call (<see cref="Compute(ReadOnlySpan{byte}, Span{byte})"/>).
/// CBC-MAC is the last block of a CBC encryption with a zero IV, so the data is gathered in a
/// buffer owned by the instance and chained with one in-place AES-CBC call per
/// <see cref="ChunkSize"/> bytes; the final call also takes the last block (already combined
/// with its subkey), whose ciphertext is the tag. Nothing is allocated per message. Not
/// thread-safe.
/// </summary>
public sealed class AesCmac : IDisposable
{
    public const int BlockSize = 16;
    public const int TagSize = 16;
    public const int ChunkSize = 16384;

    private readonly Aes _aes;
    private readonly byte[] _k1 = new byte[BlockSize];
    private readonly byte[] _k2 = new byte[BlockSize];
    private readonly byte[] _state = new byte[BlockSize];
    private readonly byte[] _buffer = new byte[ChunkSize];
    private int _buffered;

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
        _buffered = 0;
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            // A full buffer is chained only once more data shows that it does not hold the last block.
            if (_buffered == ChunkSize)
            {
                ChainInPlace(_buffer);
                _buffered = 0;
            }
            var take = Math.Min(ChunkSize - _buffered, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            data = data[take..];
        }
    }

    /// <summary>Writes the 16-byte tag of the data appended since the last reset, then resets.</summary>
    public void GetTag(Span<byte> tag)
    {
        if (tag.Length < TagSize)
        {
            throw new ArgumentException($"the tag needs {TagSize} bytes", nameof(tag));
        }
        var complete = _buffered > 0 && _buffered % BlockSize == 0;
        var length = complete ? _buffered : (_buffered / BlockSize + 1) * BlockSize;
        ReadOnlySpan<byte> subkey = _k1;
        if (!complete)
        {
            // RFC 4493 2.4 step 4: padding is a single 1 bit followed by zeros, and K2 instead of K1.
            _buffer.AsSpan(_buffered, length - _buffered).Clear();
            _buffer[_buffered] = 0x80;
            subkey = _k2;
        }
        var last = _buffer.AsSpan(length - BlockSize, BlockSize);
        for (var i = 0; i < BlockSize; i++)
        {
            last[i] ^= subkey[i];
        }
        ChainInPlace(_buffer.AsSpan(0, length));
        _state.CopyTo(tag);
        Reset();
    }

    public void Dispose() => _aes.Dispose();

    /// <summary>CBC-encrypts whole blocks in place with the running state as IV; the last ciphertext block is the new state.</summary>
    private void ChainInPlace(Span<byte> blocks)
    {
        _aes.EncryptCbc(blocks, _state, blocks, PaddingMode.None);
        blocks[^BlockSize..].CopyTo(_state);
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
}
