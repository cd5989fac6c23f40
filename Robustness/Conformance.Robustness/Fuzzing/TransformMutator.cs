using System.Buffers.Binary;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// Mutations of an encrypted packet: the TRANSFORM_HEADER of 2.2.41 (ProtocolId 0-3, Signature 4-19,
/// Nonce 20-35, OriginalMessageSize 36-39, Reserved 40-41, Flags 42-43, SessionId 44-51) or the
/// ciphertext behind it.
/// </summary>
public static class TransformMutator
{
    private const int HeaderSize = 52;

    public static byte[] Mutate(byte[] transformed, Random random, List<Mutation> applied)
    {
        var bytes = (byte[])transformed.Clone();
        switch (random.Next(9))
        {
            case 0:
            {
                var original = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(36));
                uint value = random.Next(5) switch { 0 => 0, 1 => original - 1, 2 => original + 1, 3 => 0xFFFF_FFFF, _ => (uint)random.Next(0, 0x100_0000) };
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(36), value);
                applied.Add(new Mutation(MutationKind.TransformHeader, $"OriginalMessageSize {original} -> {value}"));
                return bytes;
            }
            case 1:
            {
                ushort value = random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => (ushort)random.Next(0x10000) };
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(42), value);
                applied.Add(new Mutation(MutationKind.TransformHeader, $"Flags/EncryptionAlgorithm = 0x{value:X4}"));
                return bytes;
            }
            case 2:
            {
                var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(44));
                ulong value = random.Next(3) switch { 0 => 0, 1 => sessionId + 1, _ => (ulong)random.NextInt64() };
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(44), value);
                applied.Add(new Mutation(MutationKind.TransformHeader, $"SessionId 0x{sessionId:X} -> 0x{value:X}"));
                return bytes;
            }
            case 3:
            {
                var offset = 4 + random.Next(32);
                bytes[offset] ^= (byte)random.Next(1, 256);
                applied.Add(new Mutation(MutationKind.TransformHeader, $"{(offset < 20 ? "Signature" : "Nonce")} byte {offset}"));
                return bytes;
            }
            case 4:
            {
                var offset = random.Next(4) == 0 ? random.Next(4) : 40 + random.Next(2);
                bytes[offset] ^= (byte)random.Next(1, 256);
                applied.Add(new Mutation(MutationKind.TransformHeader, $"{(offset < 4 ? "ProtocolId" : "Reserved")} byte {offset}"));
                return bytes;
            }
            case 5 or 6 when bytes.Length > HeaderSize:
            {
                var offset = HeaderSize + random.Next(bytes.Length - HeaderSize);
                bytes[offset] ^= (byte)random.Next(1, 256);
                applied.Add(new Mutation(MutationKind.Ciphertext, $"byte {offset - HeaderSize} of the ciphertext"));
                return bytes;
            }
            case 7:
            {
                var length = random.Next(2) == 0 ? random.Next(HeaderSize + 1) : random.Next(HeaderSize, bytes.Length);
                applied.Add(new Mutation(MutationKind.Ciphertext, $"transformed packet cut to {length} of {bytes.Length} bytes"));
                return bytes[..length];
            }
            default:
            {
                var extra = new byte[random.Next(1, 65)];
                random.NextBytes(extra);
                applied.Add(new Mutation(MutationKind.Ciphertext, $"{extra.Length} bytes appended to the transformed packet"));
                return [.. bytes, .. extra];
            }
        }
    }
}
