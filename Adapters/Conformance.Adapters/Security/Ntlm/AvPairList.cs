using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// A list of AV_PAIRs (MS-NLMP 2.2.2.1) as a CHALLENGE_MESSAGE's TargetInfo or an
/// NTLMv2_CLIENT_CHALLENGE's AvPairs carry it. <see cref="Pairs"/> holds every pair before the
/// terminating MsvAvEOL, which the writer always appends.
/// </summary>
public sealed class AvPairList
{
    private const string Clause = "MS-NLMP 2.2.2.1";
    private const int HeaderSize = 4;

    public AvPairList()
    {
    }

    public AvPairList(IEnumerable<AvPair> pairs) => Pairs.AddRange(pairs);

    public List<AvPair> Pairs { get; } = [];

    /// <summary>Bytes after MsvAvEOL inside the enclosing field (none in a well-formed TargetInfo).</summary>
    public ReadOnlyMemory<byte> Trailing { get; set; }

    public int Size => Pairs.Sum(pair => HeaderSize + pair.Value.Length) + HeaderSize + Trailing.Length;

    public AvPair? Find(AvId id) => Pairs.FirstOrDefault(pair => pair.Id == id);

    public string? FindString(AvId id) => Find(id)?.ValueAsString;

    /// <summary>MsvAvTimestamp as a FILETIME, when present with its 8 bytes.</summary>
    public ulong? Timestamp => Find(AvId.MsvAvTimestamp) is { Value.Length: 8 } pair ? pair.Value.Span.U64(0) : null;

    /// <summary>MsvAvFlags, when present with its 4 bytes.</summary>
    public AvFlags? Flags => Find(AvId.MsvAvFlags) is { Value.Length: 4 } pair ? (AvFlags)pair.Value.Span.U32(0) : null;

    /// <summary>Replaces the first pair with this id, or appends one.</summary>
    public void Set(AvPair pair)
    {
        var index = Pairs.FindIndex(existing => existing.Id == pair.Id);
        if (index >= 0)
        {
            Pairs[index] = pair;
        }
        else
        {
            Pairs.Add(pair);
        }
    }

    public AvPairList Clone() => new(Pairs) { Trailing = Trailing };

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public void WriteTo(Span<byte> destination)
    {
        var offset = 0;
        foreach (var pair in Pairs)
        {
            destination.U16(offset, (ushort)pair.Id);
            destination.U16(offset + 2, (ushort)pair.Value.Length);
            destination.Bytes(offset + HeaderSize, pair.Value.Span);
            offset += HeaderSize + pair.Value.Length;
        }
        destination.U32(offset, 0);
        destination.Bytes(offset + HeaderSize, Trailing.Span);
    }

    /// <summary>
    /// Reads pairs up to and including MsvAvEOL; what follows goes to <see cref="Trailing"/>.
    /// <paramref name="baseOffset"/> places <paramref name="data"/> within the enclosing message, for error offsets.
    /// </summary>
    public static DecodeResult<AvPairList> Read(ReadOnlyMemory<byte> data, string messageName, int baseOffset)
    {
        var span = data.Span;
        var list = new AvPairList();
        var offset = 0;
        while (true)
        {
            if (offset + HeaderSize > span.Length)
            {
                return new DecodeError(messageName, "AV_PAIR", Clause, $"the list ends at {span.Length} bytes without MsvAvEOL", baseOffset + offset);
            }
            var id = (AvId)span.U16(offset);
            var length = span.U16(offset + 2);
            if (offset + HeaderSize + length > span.Length)
            {
                return new DecodeError(messageName, $"AvLen of {id}", Clause, $"value of {length} bytes runs past the list's {span.Length} bytes", baseOffset + offset + 2);
            }
            if (id == AvId.MsvAvEOL)
            {
                if (length != 0)
                {
                    return new DecodeError(messageName, "AvLen of MsvAvEOL", Clause, $"must be 0, is {length}", baseOffset + offset + 2);
                }
                list.Trailing = data[(offset + HeaderSize)..];
                return list;
            }
            list.Pairs.Add(new AvPair(id, data.Slice(offset + HeaderSize, length)));
            offset += HeaderSize + length;
        }
    }
}
