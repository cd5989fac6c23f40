using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>
/// NETWORK_INTERFACE_INFO (2.2.32.5), one entry of the FSCTL_QUERY_NETWORK_INTERFACE_INFO output:
/// Next, IfIndex, Capability, Reserved, LinkSpeed, SockAddr_Storage; 152 bytes, entries chained by
/// Next and 8-byte aligned. Read the output with <c>ChainedEntries.Read&lt;NetworkInterfaceInfo&gt;</c>.
/// </summary>
public sealed class NetworkInterfaceInfo : IChainedEntry<NetworkInterfaceInfo>
{
    private const string Name = "NETWORK_INTERFACE_INFO";
    private const string ClauseName = "2.2.32.5";
    public const int FixedLength = 24 + SockaddrStorage.Size;

    /// <summary>Null: computed by the list (152, or 0 for the last interface).</summary>
    public uint? Next { get; set; }

    uint? IChainedEntry.NextEntryOffset
    {
        get => Next;
        set => Next = value;
    }

    public ReadOnlyMemory<byte>? Padding { get; set; }
    public uint IfIndex { get; set; }
    public NetworkInterfaceCapability Capability { get; set; }
    public uint Reserved { get; set; }

    /// <summary>Bits per second.</summary>
    public ulong LinkSpeed { get; set; }

    public SockaddrStorage SockAddrStorage { get; set; } = new();

    public int Size => FixedLength;

    public static string StructureName => Name;
    public static string Clause => ClauseName;
    public static int Alignment => 8;
    public static string NextFieldName => "Next";

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(4, IfIndex);
        destination.U32(8, (uint)Capability);
        destination.U32(12, Reserved);
        destination.U64(16, LinkSpeed);
        SockAddrStorage.WriteTo(destination.Slice(24, SockaddrStorage.Size));
    }

    public static DecodeResult<NetworkInterfaceInfo> Read(ReadOnlyMemory<byte> entry)
    {
        var span = entry.Span;
        var error = InfoChecks.FixedPart(span, Name, ClauseName, FixedLength);
        if (error is not null)
        {
            return error;
        }
        var address = SockaddrStorage.Read(entry[24..]);
        if (!address.IsSuccess)
        {
            return address.Error with { Offset = 24 + address.Error.Offset };
        }
        return new NetworkInterfaceInfo
        {
            IfIndex = span.U32(4),
            Capability = (NetworkInterfaceCapability)span.U32(8),
            Reserved = span.U32(12),
            LinkSpeed = span.U64(16),
            SockAddrStorage = address.Value,
        };
    }

    public override string ToString() => $"NETWORK_INTERFACE_INFO #{IfIndex} {SockAddrStorage} {LinkSpeed} bit/s {Capability}";
}
