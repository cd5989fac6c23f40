using System.Buffers.Binary;
using Conformance.Adapters.Wire;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// Mutations of a plaintext request packet (one SMB2 message or a compound): byte and bit flips,
/// boundary values in body fields (where lengths and offsets live) and header fields, truncation,
/// extension, NextCommand corruption and compounds spliced from two seeds. 1 to 3 stacked per frame.
/// </summary>
public static class FrameMutator
{
    private static readonly uint[] Boundaries = [0, 1, 2, 7, 8, 0x3F, 0x40, 0x41, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x80_0000, 0xFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    private static readonly (string Name, int Offset, int Size)[] HeaderFields =
    [
        ("StructureSize", 4, 2), ("CreditCharge", RequestLayout.CreditChargeOffset, 2), ("ChannelSequence/Status", 8, 4), ("Command", RequestLayout.CommandOffset, 2),
        ("CreditRequest", RequestLayout.CreditRequestOffset, 2), ("Flags", RequestLayout.FlagsOffset, 4), ("NextCommand", RequestLayout.NextCommandOffset, 4),
        ("MessageId", RequestLayout.MessageIdOffset, 8), ("Reserved/AsyncId", 32, 4), ("TreeId", RequestLayout.TreeIdOffset, 4), ("SessionId", RequestLayout.SessionIdOffset, 8),
    ];

    /// <summary>A mutated copy of <paramref name="packet"/>; <paramref name="another"/> gives a second bound seed for a spliced compound.</summary>
    public static byte[] Mutate(byte[] packet, Func<byte[]> another, Random random, List<Mutation> applied)
    {
        var current = packet;
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < count; i++)
        {
            current = MutateOnce(current, another, random, applied);
        }
        return current;
    }

    private static byte[] MutateOnce(byte[] packet, Func<byte[]> another, Random random, List<Mutation> applied)
    {
        var kind = random.Next(100) switch
        {
            < 18 => MutationKind.ByteFlip,
            < 28 => MutationKind.BitFlip,
            < 52 => MutationKind.LengthOrOffset,
            < 67 => MutationKind.HeaderField,
            < 75 => MutationKind.Truncate,
            < 81 => MutationKind.Extend,
            < 88 => MutationKind.NextCommand,
            _ => MutationKind.Compound,
        };
        var bytes = (byte[])packet.Clone();
        switch (kind)
        {
            case MutationKind.ByteFlip:
            {
                var n = random.Next(1, 5);
                var at = new List<int>();
                for (var i = 0; i < n && bytes.Length > 0; i++)
                {
                    var offset = random.Next(bytes.Length);
                    bytes[offset] = (byte)random.Next(256);
                    at.Add(offset);
                }
                applied.Add(new Mutation(kind, $"bytes at {string.Join(", ", at)}"));
                return bytes;
            }
            case MutationKind.BitFlip:
            {
                if (bytes.Length == 0)
                {
                    return bytes;
                }
                var offset = random.Next(bytes.Length);
                var bit = random.Next(8);
                bytes[offset] ^= (byte)(1 << bit);
                applied.Add(new Mutation(kind, $"bit {bit} of byte {offset}"));
                return bytes;
            }
            case MutationKind.LengthOrOffset:
            {
                var starts = RequestLayout.MessageStarts(bytes);
                var start = starts.Count == 0 ? 0 : starts[random.Next(starts.Count)];
                var bodyStart = start + Smb2Header.Size;
                var size = random.Next(2) == 0 ? 2 : 4;
                var end = Math.Min(bytes.Length, bodyStart + 64);
                if (end - bodyStart < size)
                {
                    return MutateOnce(packet, another, random, applied);
                }
                var offset = bodyStart + (random.Next((end - bodyStart - size) / 2 + 1) * 2);
                var value = Boundary(random, bytes.Length - start);
                Write(bytes, offset, size, value);
                applied.Add(new Mutation(kind, $"{size}-byte body field at {offset - bodyStart} of message at {start} = 0x{value:X}"));
                return bytes;
            }
            case MutationKind.HeaderField:
            {
                var starts = RequestLayout.MessageStarts(bytes);
                var start = starts.Count == 0 ? 0 : starts[random.Next(starts.Count)];
                var (name, fieldOffset, size) = HeaderFields[random.Next(HeaderFields.Length)];
                if (start + fieldOffset + size > bytes.Length)
                {
                    return MutateOnce(packet, another, random, applied);
                }
                ulong value = name switch
                {
                    "Command" => (ulong)random.Next(0x16),
                    "Flags" => (ulong)(1u << random.Next(32)) ^ BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(start + fieldOffset)),
                    "MessageId" or "SessionId" => random.Next(4) switch { 0 => 0, 1 => ulong.MaxValue, 2 => ReadU64(bytes, start + fieldOffset) + 1, _ => (ulong)random.NextInt64() },
                    _ => Boundary(random, bytes.Length - start),
                };
                Write(bytes, start + fieldOffset, size, value);
                applied.Add(new Mutation(kind, $"{name} of message at {start} = 0x{value:X}"));
                return bytes;
            }
            case MutationKind.Truncate:
            {
                var length = random.Next(3) == 0 ? random.Next(Math.Min(bytes.Length, Smb2Header.Size + 1)) : random.Next(bytes.Length);
                applied.Add(new Mutation(kind, $"to {length} of {bytes.Length} bytes"));
                return bytes[..length];
            }
            case MutationKind.Extend:
            {
                var extra = new byte[random.Next(1, 257)];
                if (random.Next(2) == 0)
                {
                    random.NextBytes(extra);
                }
                applied.Add(new Mutation(kind, $"{extra.Length} bytes appended"));
                return [.. bytes, .. extra];
            }
            case MutationKind.NextCommand:
            {
                var starts = RequestLayout.MessageStarts(bytes);
                if (starts.Count == 0)
                {
                    return MutateOnce(packet, another, random, applied);
                }
                var start = starts[random.Next(starts.Count)];
                uint value = random.Next(5) switch
                {
                    0 => 0,
                    1 => (uint)random.Next(1, Smb2Header.Size),
                    2 => (uint)(bytes.Length - start + random.Next(1, 64)),
                    3 => (uint)((bytes.Length - start) / 2) | 1,
                    _ => Boundary(random, bytes.Length - start),
                };
                Write(bytes, start + RequestLayout.NextCommandOffset, 4, value);
                applied.Add(new Mutation(kind, $"NextCommand of message at {start} = 0x{value:X}"));
                return bytes;
            }
            default:
            {
                var second = another();
                var related = random.Next(2) == 0;
                var joined = Join(bytes, second, related);
                applied.Add(new Mutation(MutationKind.Compound, $"{bytes.Length}-byte packet and a {second.Length}-byte seed joined{(related ? ", related" : "")}"));
                return joined;
            }
        }
    }

    /// <summary>Two packets as one compound: the first's last NextCommand points at the second, 8-byte aligned (3.2.4.1.4).</summary>
    public static byte[] Join(byte[] first, byte[] second, bool related)
    {
        var starts = RequestLayout.MessageStarts(first);
        var last = starts.Count == 0 ? 0 : starts[^1];
        var padded = (first.Length + 7) & ~7;
        var joined = new byte[padded + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined, padded);
        if (last + Smb2Header.Size <= first.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(joined.AsSpan(last + RequestLayout.NextCommandOffset), (uint)(padded - last));
        }
        if (related && second.Length >= Smb2Header.Size)
        {
            var flags = BinaryPrimitives.ReadUInt32LittleEndian(joined.AsSpan(padded + RequestLayout.FlagsOffset));
            BinaryPrimitives.WriteUInt32LittleEndian(joined.AsSpan(padded + RequestLayout.FlagsOffset), flags | (uint)Smb2HeaderFlags.RelatedOperations);
        }
        return joined;
    }

    private static uint Boundary(Random random, int messageLength) => random.Next(4) switch
    {
        0 => (uint)Math.Max(0, messageLength + random.Next(-2, 3)),
        1 => (uint)random.Next(0, Math.Max(1, messageLength + 64)),
        _ => Boundaries[random.Next(Boundaries.Length)],
    };

    private static ulong ReadU64(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));

    private static void Write(byte[] bytes, int offset, int size, ulong value)
    {
        switch (size)
        {
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)value);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
                break;
        }
    }
}
