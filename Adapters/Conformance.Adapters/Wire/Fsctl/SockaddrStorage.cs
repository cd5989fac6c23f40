using System.Buffers.Binary;
using System.Net;

namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>
/// SOCKADDR_STORAGE (2.2.32.5.1): 128 bytes, Family (little-endian) then a SOCKADDR_IN
/// (2.2.32.5.1.1) or SOCKADDR_IN6 (2.2.32.5.1.2) whose fields are in network byte order, then
/// reserved bytes.
/// </summary>
public sealed class SockaddrStorage
{
    private const string Name = "SOCKADDR_STORAGE";
    private const string Clause = "2.2.32.5.1";
    public const int Size = 128;
    public const ushort InterNetwork = 0x0002;
    public const ushort InterNetworkV6 = 0x0017;

    /// <summary>Null: <see cref="InterNetwork"/> or <see cref="InterNetworkV6"/> from <see cref="Address"/>.</summary>
    public ushort? Family { get; set; }

    public ushort Port { get; set; }

    /// <summary>IPv6 only.</summary>
    public uint FlowInfo { get; set; }

    public IPAddress Address { get; set; } = IPAddress.Any;

    /// <summary>IPv6 only.</summary>
    public uint ScopeId { get; set; }

    /// <summary>Bytes after the address structure up to 128. Null: zeros. A decoded value keeps them only when not all zero.</summary>
    public ReadOnlyMemory<byte>? Reserved { get; set; }

    private bool IsV6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>Where the reserved bytes start: after SOCKADDR_IN's address (8) or SOCKADDR_IN6's ScopeId (28).</summary>
    private int AddressEnd => IsV6 ? 28 : 8;

    public void WriteTo(Span<byte> destination)
    {
        destination[..Size].Clear();
        destination.U16(0, Family ?? (IsV6 ? InterNetworkV6 : InterNetwork));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Port);
        if (IsV6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], FlowInfo);
            Address.TryWriteBytes(destination.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32BigEndian(destination[24..], ScopeId);
        }
        else
        {
            Address.TryWriteBytes(destination.Slice(4, 4), out _);
        }
        if (Reserved is { } reserved)
        {
            reserved.Span[..Math.Min(reserved.Length, Size - AddressEnd)].CopyTo(destination[AddressEnd..]);
        }
    }

    /// <summary>Reads 128 bytes at the start of <paramref name="source"/> (the caller checked the length). Offsets in errors count from the structure's start.</summary>
    public static DecodeResult<SockaddrStorage> Read(ReadOnlyMemory<byte> source)
    {
        var span = source.Span;
        var family = span.U16(0);
        SockaddrStorage result;
        if (family == InterNetwork)
        {
            result = new SockaddrStorage { Address = new IPAddress(span.Slice(4, 4)) };
        }
        else if (family == InterNetworkV6)
        {
            result = new SockaddrStorage
            {
                FlowInfo = BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
                Address = new IPAddress(span.Slice(8, 16)),
                ScopeId = BinaryPrimitives.ReadUInt32BigEndian(span[24..]),
            };
        }
        else
        {
            return new DecodeError(Name, "Family", Clause, $"0x{family:X4} is neither InterNetwork (0x0002) nor InterNetworkV6 (0x0017)", 0);
        }
        result.Port = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
        var reserved = source[result.AddressEnd..Size];
        result.Reserved = reserved.Span.ContainsAnyExcept((byte)0) ? reserved : (ReadOnlyMemory<byte>?)null;
        return result;
    }

    public override string ToString() => $"{Address}";
}
