namespace Conformance.Adapters.Security.Crypto;

/// <summary>
/// The RC4 stream cipher, which .NET does not provide. NTLM uses it for key exchange
/// (MS-NLMP 3.4.5.1, RC4K) and to seal signature checksums (3.4.4.2). An instance keeps its
/// keystream position, as an NTLM sealing key handle does (3.4.3).
/// </summary>
public sealed class Rc4
{
    private readonly byte[] state = new byte[256];
    private byte i;
    private byte j;

    public Rc4(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("an RC4 key holds at least one byte", nameof(key));
        }
        for (var n = 0; n < 256; n++)
        {
            state[n] = (byte)n;
        }
        byte k = 0;
        for (var n = 0; n < 256; n++)
        {
            k = (byte)(k + state[n] + key[n % key.Length]);
            (state[n], state[k]) = (state[k], state[n]);
        }
    }

    /// <summary>XORs the next keystream bytes into <paramref name="input"/>, writing to <paramref name="output"/> (may be the same span).</summary>
    public void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("output is shorter than input", nameof(output));
        }
        for (var n = 0; n < input.Length; n++)
        {
            i++;
            j = (byte)(j + state[i]);
            (state[i], state[j]) = (state[j], state[i]);
            output[n] = (byte)(input[n] ^ state[(byte)(state[i] + state[j])]);
        }
    }

    /// <summary>RC4K(key, data) of MS-NLMP 6: a fresh keystream over <paramref name="data"/>.</summary>
    public static byte[] Transform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        new Rc4(key).Transform(data, output);
        return output;
    }
}
