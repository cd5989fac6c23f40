using System.Buffers.Binary;

namespace Conformance.Adapters.Transport;

/// <summary>
/// Writes recorded frames as a libpcap capture (LINKTYPE_ETHERNET) that Wireshark and tshark open
/// as SMB2 over Direct TCP: every frame becomes TCP payload on port 445 with its 4-byte Direct TCP
/// header (MS-SMB2 2.1) put back, except <see cref="RecordedFrame.Unframed"/> frames, which are
/// written exactly as sent. The Ethernet, IPv4 and TCP headers are synthesized: each stream is one
/// TCP connection from its own client port, opened by a three-way handshake, with sequence and
/// acknowledgment numbers that follow the bytes sent in each direction. A truncated frame
/// (<see cref="RecordedFrame.IsTruncated"/>) still advances the sequence numbers by its real length and
/// its Direct TCP header announces that length; its packets carry only the bytes kept, as a capture
/// with a short snapshot length would (captured length below original length in each record).
/// </summary>
public static class PcapWriter
{
    public const ushort ServerPort = 445;
    public const ushort FirstClientPort = 49152;

    /// <summary>Largest TCP payload per packet, so an IPv4 total length always fits in 16 bits.</summary>
    public const int MaxSegmentPayload = 65000;

    private const uint MagicMicroseconds = 0xA1B2C3D4;
    private const uint LinkTypeEthernet = 1;
    private const int SnapLength = 262144;
    private const int EthernetHeaderSize = 14;
    private const int Ipv4HeaderSize = 20;
    private const int TcpHeaderSize = 20;
    private const int HeadersSize = EthernetHeaderSize + Ipv4HeaderSize + TcpHeaderSize;
    private const ushort Window = 0xFFFF;

    private const byte Syn = 0x02;
    private const byte Push = 0x08;
    private const byte Ack = 0x10;

    private static readonly byte[] ClientAddress = [10, 0, 0, 2];
    private static readonly byte[] ServerAddress = [10, 0, 0, 1];
    private static readonly byte[] ClientMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];
    private static readonly byte[] ServerMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>One stream per distinct <see cref="RecordedFrame.Connection"/>, in order of first appearance.</summary>
    public static void Write(Stream output, IEnumerable<RecordedFrame> frames) =>
        Write(output, frames.GroupBy(frame => frame.Connection).Select(group => (IReadOnlyList<RecordedFrame>)group.ToList()).ToList());

    /// <summary>Each list is one TCP stream; packets of all streams are interleaved by recording time.</summary>
    public static void Write(Stream output, IReadOnlyList<IReadOnlyList<RecordedFrame>> streams)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteGlobalHeader(output);
        var packets = new List<(DateTime Time, int Stream, long Order, CapturedPacket Packet)>();
        for (var index = 0; index < streams.Count; index++)
        {
            var stream = streams[index];
            if (stream.Count == 0)
            {
                continue;
            }
            var tcp = new TcpStream((ushort)(FirstClientPort + index), 0x1000_0000u + ((uint)index << 20), 0x2000_0000u + ((uint)index << 20));
            var order = 0L;
            var opening = stream.Min(frame => frame.UtcTimestamp).AddTicks(-30);
            foreach (var packet in tcp.Handshake())
            {
                packets.Add((opening, index, order++, packet));
                opening = opening.AddTicks(10);
            }
            foreach (var frame in stream.OrderBy(frame => frame.UtcTimestamp).ThenBy(frame => frame.Sequence))
            {
                var (payload, length) = Payload(frame);
                foreach (var packet in tcp.Data(frame.Direction == FrameDirection.Sent, payload, length))
                {
                    packets.Add((frame.UtcTimestamp, index, order++, packet));
                }
            }
        }
        foreach (var (time, _, _, packet) in packets.OrderBy(packet => packet.Time).ThenBy(packet => packet.Stream).ThenBy(packet => packet.Order))
        {
            WriteRecord(output, time, packet);
        }
    }

    /// <summary>The capture as bytes.</summary>
    public static byte[] ToBytes(IEnumerable<RecordedFrame> frames)
    {
        using var buffer = new MemoryStream();
        Write(buffer, frames);
        return buffer.ToArray();
    }

    /// <summary>The capture as bytes, one TCP stream per list.</summary>
    public static byte[] ToBytes(IReadOnlyList<IReadOnlyList<RecordedFrame>> streams)
    {
        using var buffer = new MemoryStream();
        Write(buffer, streams);
        return buffer.ToArray();
    }

    /// <summary>The TCP payload bytes kept of a frame, and how long that payload was on the wire.</summary>
    private static (byte[] Kept, long Length) Payload(RecordedFrame frame)
    {
        if (frame.Unframed)
        {
            return (frame.Bytes.ToArray(), frame.Length);
        }
        var payload = new byte[DirectTcpHeader.Size + frame.Bytes.Length];
        DirectTcpHeader.Write(payload, Math.Min(frame.Length, DirectTcpHeader.MaxStreamProtocolLength));
        frame.Bytes.Span.CopyTo(payload.AsSpan(DirectTcpHeader.Size));
        return (payload, DirectTcpHeader.Size + (long)frame.Length);
    }

    private static void WriteGlobalHeader(Stream output)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MagicMicroseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        output.Write(header);
    }

    private static void WriteRecord(Stream output, DateTime time, CapturedPacket packet)
    {
        var sinceEpoch = time.ToUniversalTime() - DateTime.UnixEpoch;
        var seconds = (long)Math.Floor(sinceEpoch.TotalSeconds);
        var microseconds = (sinceEpoch.Ticks - seconds * TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond;
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)microseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)packet.Bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)packet.OriginalLength);
        output.Write(header);
        output.Write(packet.Bytes);
    }

    /// <summary>A packet's bytes as captured, and its length on the wire (larger when its payload was cut).</summary>
    private readonly record struct CapturedPacket(byte[] Bytes, int OriginalLength);

    /// <summary>The sequence state of one synthesized TCP connection.</summary>
    private sealed class TcpStream(ushort clientPort, uint clientInitialSequence, uint serverInitialSequence)
    {
        private uint clientNext = clientInitialSequence;
        private uint serverNext = serverInitialSequence;
        private ushort identification;

        public IEnumerable<CapturedPacket> Handshake()
        {
            yield return Packet(fromClient: true, Syn, clientNext++, 0, []);
            yield return Packet(fromClient: false, Syn | Ack, serverNext++, clientNext, []);
            yield return Packet(fromClient: true, Ack, clientNext, serverNext, []);
        }

        /// <summary>Segments carrying <paramref name="length"/> payload bytes, of which the first <paramref name="kept"/> are known.</summary>
        public IEnumerable<CapturedPacket> Data(bool fromClient, byte[] kept, long length)
        {
            for (var offset = 0L; offset < length || offset == 0; offset += MaxSegmentPayload)
            {
                var segmentLength = (int)Math.Min(MaxSegmentPayload, length - offset);
                var keptStart = (int)Math.Min(offset, kept.Length);
                var segment = kept.AsSpan(keptStart, (int)Math.Min(segmentLength, kept.Length - keptStart)).ToArray();
                var last = offset + segmentLength >= length;
                if (fromClient)
                {
                    yield return Packet(true, (byte)(Ack | (last ? Push : 0)), clientNext, serverNext, segment, segmentLength);
                    clientNext += (uint)segmentLength;
                }
                else
                {
                    yield return Packet(false, (byte)(Ack | (last ? Push : 0)), serverNext, clientNext, segment, segmentLength);
                    serverNext += (uint)segmentLength;
                }
                if (length == 0)
                {
                    yield break;
                }
            }
        }

        /// <summary>
        /// A packet whose TCP payload is <paramref name="payloadLength"/> bytes long, of which <paramref name="payload"/>
        /// are captured. The checksum of a cut packet cannot be computed and is left zero, as a capture
        /// with a short snapshot length cannot check it either.
        /// </summary>
        private CapturedPacket Packet(bool fromClient, int flags, uint sequence, uint acknowledgment, byte[] payload, int? payloadLength = null)
        {
            var wireLength = payloadLength ?? payload.Length;
            var packet = new byte[HeadersSize + payload.Length];
            var span = packet.AsSpan();
            (fromClient ? ServerMac : ClientMac).CopyTo(span);
            (fromClient ? ClientMac : ServerMac).CopyTo(span[6..]);
            BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);

            var ip = span.Slice(EthernetHeaderSize, Ipv4HeaderSize);
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4HeaderSize + TcpHeaderSize + wireLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification++);
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
            ip[8] = 64;
            ip[9] = 6;
            (fromClient ? ClientAddress : ServerAddress).CopyTo(ip[12..]);
            (fromClient ? ServerAddress : ClientAddress).CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, 0));

            var tcp = span[(EthernetHeaderSize + Ipv4HeaderSize)..];
            BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? clientPort : ServerPort);
            BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? ServerPort : clientPort);
            BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
            BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & Ack) != 0 ? acknowledgment : 0);
            tcp[12] = (TcpHeaderSize / 4) << 4;
            tcp[13] = (byte)flags;
            BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], Window);
            payload.CopyTo(tcp[TcpHeaderSize..]);
            if (wireLength == payload.Length)
            {
                BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], TcpChecksum(ip, tcp));
            }
            return new CapturedPacket(packet, HeadersSize + wireLength);
        }

        private static ushort TcpChecksum(ReadOnlySpan<byte> ip, ReadOnlySpan<byte> segment)
        {
            Span<byte> pseudo = stackalloc byte[12];
            ip.Slice(12, 8).CopyTo(pseudo);
            pseudo[9] = 6;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)segment.Length);
            return Checksum(segment, Sum(pseudo, 0));
        }
    }

    private static ushort Checksum(ReadOnlySpan<byte> bytes, uint initial)
    {
        var sum = Sum(bytes, initial);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    private static uint Sum(ReadOnlySpan<byte> bytes, uint sum)
    {
        var index = 0;
        for (; index + 1 < bytes.Length; index += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[index..]);
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        if (index < bytes.Length)
        {
            sum += (uint)(bytes[index] << 8);
        }
        return sum;
    }
}
