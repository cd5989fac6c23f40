namespace Conformance.Adapters.Wire.NegotiateContexts;

/// <summary>Compression algorithm ids (current MS-SMB2 2.2.3.1.3).</summary>
public enum CompressionAlgorithm : ushort
{
    None = 0x0000,
    Lznt1 = 0x0001,
    Lz77 = 0x0002,
    Lz77Huffman = 0x0003,
    PatternV1 = 0x0004,
    Lz4 = 0x0005,
}
