using System.Buffers.Binary;
using System.Diagnostics;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Transport;

namespace Conformance.Adapters.Tests.Transport;

public class PcapWriterTests
{
    private static readonly DateTime Origin = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void GlobalHeaderIsLibpcapMicrosecondsEthernet()
    {
        var capture = PcapWriter.ToBytes([Frame(0, FrameDirection.Sent, [0xFE, 0x53, 0x4D, 0x42])]);

        Assert.That(Convert.ToHexString(capture.AsSpan(0, 24)), Is.EqualTo("D4C3B2A1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000"));
    }

    [Test]
    public void OpensEachStreamWithAHandshakeThenCarriesDirectTcpFramedPayload()
    {
        byte[] request = [0xFE, 0x53, 0x4D, 0x42, 0x01, 0x02];
        var packets = Packets(PcapWriter.ToBytes([Frame(0, FrameDirection.Sent, request)]));

        Assert.That(packets.Select(packet => packet.Flags), Is.EqualTo(new byte[] { 0x02, 0x12, 0x10, 0x18 }));
        Assert.That(packets.Select(packet => (packet.SourcePort, packet.DestinationPort)), Is.EqualTo(new[]
        {
            ((ushort)49152, (ushort)445), ((ushort)445, (ushort)49152), ((ushort)49152, (ushort)445), ((ushort)49152, (ushort)445),
        }));
        Assert.That(Convert.ToHexString(packets[3].Payload), Is.EqualTo("00000006" + "FE534D420102"));
        Assert.That(packets[1].Acknowledgment, Is.EqualTo(packets[0].Sequence + 1), "SYN-ACK acknowledges the SYN");
        Assert.That(packets[3].Sequence, Is.EqualTo(packets[0].Sequence + 1), "first data byte follows the SYN");
        Assert.That(packets[3].Acknowledgment, Is.EqualTo(packets[1].Sequence + 1), "data acknowledges the SYN-ACK");
    }

    [Test]
    public void SequenceAndAcknowledgmentFollowTheBytesOfEachDirection()
    {
        byte[] raw = [0x00, 0x00, 0x00, 0x02, 0xAA, 0xBB];
        var packets = Packets(PcapWriter.ToBytes(
        [
            Frame(0, FrameDirection.Sent, new byte[70]),
            Frame(1, FrameDirection.Received, new byte[5]),
            Frame(2, FrameDirection.Sent, raw, unframed: true),
            Frame(3, FrameDirection.Received, new byte[9]),
        ])).Skip(3).ToList();
        var client = packets[0].Sequence;
        var server = packets[1].Sequence;

        Assert.That(packets.Select(packet => (packet.Sequence - client, packet.Acknowledgment - server, packet.Payload.Length)), Is.EqualTo(new[]
        {
            (0u, 0u, 74),
            (server - client, 74u + client - server, 9),
            (74u, 9u, 6),
            (server - client + 9, 80u + client - server, 13),
        }));
        Assert.That(Convert.ToHexString(packets[2].Payload), Is.EqualTo(Convert.ToHexString(raw)), "an unframed frame is written as sent");
    }

    [Test]
    public void SplitsALargeFrameIntoConsecutiveSegments()
    {
        var packets = Packets(PcapWriter.ToBytes([Frame(0, FrameDirection.Received, new byte[150_000])])).Skip(3).ToList();

        Assert.That(packets.Select(packet => packet.Payload.Length), Is.EqualTo(new[] { 65000, 65000, 20004 }));
        Assert.That(packets[1].Sequence - packets[0].Sequence, Is.EqualTo(65000u));
        Assert.That(packets[2].Sequence - packets[1].Sequence, Is.EqualTo(65000u));
        Assert.That(packets.Select(packet => packet.Flags), Is.EqualTo(new byte[] { 0x10, 0x10, 0x18 }), "PSH on the last segment only");
    }

    [Test]
    public void ATruncatedFrameKeepsItsRealLengthInSequenceNumbersHeaderAndOriginalLength()
    {
        var kept = Frames.Pattern(70_000, seed: 6);
        var truncated = Frame(0, FrameDirection.Received, kept) with { Length = 150_000 };
        var capture = PcapWriter.ToBytes([truncated, Frame(1, FrameDirection.Sent, new byte[8])]);

        var records = Records(capture).Skip(3).ToList();
        // The Direct TCP header announces 150000; 150004 payload bytes are split 65000 + 65000 + 20004, of which 70004 are captured.
        Assert.That(records.Select(record => (record.Captured.Length - 54, record.OriginalLength - 54)),
            Is.EqualTo(new[] { (65000, 65000), (5004, 65000), (0, 20004), (12, 12) }));
        Assert.That(records.Select(record => BinaryPrimitives.ReadUInt16BigEndian(record.Captured.AsSpan(16))), Is.EqualTo(new ushort[] { 65040, 65040, 20044, 52 }), "IPv4 total length");
        var sequences = records.Select(record => BinaryPrimitives.ReadUInt32BigEndian(record.Captured.AsSpan(38))).ToList();
        Assert.That(sequences[1] - sequences[0], Is.EqualTo(65000u));
        Assert.That(sequences[2] - sequences[1], Is.EqualTo(65000u));
        var acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(records[3].Captured.AsSpan(42));
        Assert.That(acknowledgment - sequences[2], Is.EqualTo(20004u), "the next client packet acknowledges the whole frame");
        Assert.That(records[0].Captured.AsSpan(54, 4).ToArray(), Is.EqualTo(new byte[] { 0x00, 0x02, 0x49, 0xF0 }), "Direct TCP header of 150000 bytes");
        Assert.That(records[0].Captured.AsSpan(58).ToArray(), Is.EqualTo(kept[..64996]));
        Assert.That(records[1].Captured.AsSpan(54).ToArray(), Is.EqualTo(kept[64996..]));
    }

    [Test]
    public async Task TsharkReadsATruncatedCaptureAsOneWellFormedTcpStream()
    {
        var tshark = FindOnPath("tshark") ?? throw new IgnoreException("tshark is not installed (apt-get install -y tshark): the capture cannot be checked by Wireshark's dissector");
        var capture = Capture.Load("smbclient-SMB3");
        // A recorder keeping 100 bytes of each frame cuts every frame past the header of its first message.
        var recorder = new FrameRecorder(100);
        foreach (var frame in capture.Frames)
        {
            recorder.Record(frame.FromClient ? FrameDirection.Sent : FrameDirection.Received, frame.Bytes, "c");
        }
        Assert.That(recorder.Frames.Count(frame => frame.IsTruncated), Is.GreaterThan(capture.Frames.Count / 2));
        var path = Path.Combine(Path.GetTempPath(), $"pcapwriter-truncated-{Guid.NewGuid():N}.pcap");
        await File.WriteAllBytesAsync(path, PcapWriter.ToBytes(recorder.Frames));
        try
        {
            var smb2 = await RunAsync(tshark, "-r", path, "-Y", "smb2", "-T", "fields", "-e", "smb2.cmd");
            var tcpWarnings = await RunAsync(tshark, "-r", path, "-Y", "tcp.analysis.flags && !tcp.analysis.window_update");
            var lengths = await RunAsync(tshark, "-r", path, "-Y", "smb2", "-T", "fields", "-e", "nbss.length");

            Assert.That(smb2.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(capture.Frames.Count), "one SMB2 packet per recorded frame");
            Assert.That(tcpWarnings, Is.Empty, "TCP analysis warnings (sequence or acknowledgment numbers wrong)");
            Assert.That(lengths.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse), Is.EqualTo(capture.Frames.Select(frame => frame.Bytes.Length)),
                "each Direct TCP header announces the frame's real length");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void EveryStreamHasItsOwnClientPortAndValidChecksums()
    {
        var capture = PcapWriter.ToBytes(
        [
            Frame(0, FrameDirection.Sent, new byte[11], connection: "a"),
            Frame(1, FrameDirection.Sent, new byte[12], connection: "b"),
            Frame(2, FrameDirection.Received, new byte[13], connection: "a"),
        ]);
        var packets = Packets(capture);

        Assert.That(packets.Where(packet => packet.DestinationPort == 445).Select(packet => packet.SourcePort).Distinct(), Is.EqualTo(new ushort[] { 49152, 49153 }));
        Assert.That(packets.Select(packet => packet.IpChecksumValid), Is.All.True);
        Assert.That(packets.Select(packet => packet.TcpChecksumValid), Is.All.True);
    }

    [TestCase("smbclient-SMB3")]
    [TestCase("smbclient-SMB3-encrypt")]
    public async Task TsharkReadsEveryFrameOfARealCaptureAsWellFormedSmb2(string name)
    {
        var tshark = FindOnPath("tshark") ?? throw new IgnoreException("tshark is not installed (apt-get install -y tshark): the capture cannot be checked by Wireshark's dissector");
        var capture = Capture.Load(name);
        var origin = Origin;
        // Two streams: the whole session, then its first four frames again on a second connection.
        var first = capture.Frames.Select(frame => Frame(frame.Index, frame.FromClient ? FrameDirection.Sent : FrameDirection.Received, frame.Bytes, time: origin.AddMilliseconds(frame.Index), connection: "first")).ToList();
        var second = capture.Frames.Take(4).Select(frame => Frame(frame.Index, frame.FromClient ? FrameDirection.Sent : FrameDirection.Received, frame.Bytes, time: origin.AddMilliseconds(frame.Index + 0.5), connection: "second")).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"pcapwriter-{name}-{Guid.NewGuid():N}.pcap");
        await File.WriteAllBytesAsync(path, PcapWriter.ToBytes([first, second]));
        try
        {
            var smb2 = await RunAsync(tshark, "-r", path, "-Y", "smb2", "-T", "fields", "-e", "tcp.stream");
            var malformed = await RunAsync(tshark, "-r", path, "-Y", "_ws.malformed && !spnego");
            var tcpWarnings = await RunAsync(tshark, "-r", path, "-Y", "tcp.analysis.flags && !tcp.analysis.window_update");

            var streams = smb2.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(streams, Has.Length.EqualTo(capture.Frames.Count + 4), "one SMB2 packet per recorded frame");
            Assert.That(streams.Count(stream => stream == "0"), Is.EqualTo(capture.Frames.Count));
            Assert.That(streams.Count(stream => stream == "1"), Is.EqualTo(4));
            Assert.That(malformed, Is.Empty, "frames Wireshark flags as malformed");
            Assert.That(tcpWarnings, Is.Empty, "TCP analysis warnings (sequence or acknowledgment numbers wrong)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static RecordedFrame Frame(long sequence, FrameDirection direction, byte[] bytes, bool unframed = false, DateTime? time = null, string connection = "c") =>
        new(sequence, time ?? Origin.AddMilliseconds(sequence), 0, direction, unframed, connection, bytes);

    private sealed record Packet(byte Flags, ushort SourcePort, ushort DestinationPort, uint Sequence, uint Acknowledgment, byte[] Payload, bool IpChecksumValid, bool TcpChecksumValid);

    private static List<Packet> Packets(byte[] capture)
    {
        var packets = new List<Packet>();
        for (var offset = 24; offset < capture.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(capture.AsSpan(offset + 8));
            var packet = capture.AsSpan(offset + 16, length);
            var ip = packet.Slice(14, 20);
            var tcp = packet[34..];
            Assert.That(BinaryPrimitives.ReadUInt16BigEndian(packet[12..]), Is.EqualTo(0x0800), "EtherType IPv4");
            Assert.That(BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), Is.EqualTo(length - 14), "IPv4 total length");
            packets.Add(new Packet(tcp[13], BinaryPrimitives.ReadUInt16BigEndian(tcp), BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]), BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]), tcp[20..].ToArray(),
                OnesComplementSum(ip) == 0xFFFF, OnesComplementSum([.. ip.Slice(12, 8), 0, 6, (byte)(tcp.Length >> 8), (byte)tcp.Length, .. tcp]) == 0xFFFF));
            offset += 16 + length;
        }
        return packets;
    }

    /// <summary>Each record's captured bytes and original length, as the pcap record header gives them.</summary>
    private static List<(byte[] Captured, int OriginalLength)> Records(byte[] capture)
    {
        var records = new List<(byte[] Captured, int OriginalLength)>();
        for (var offset = 24; offset < capture.Length;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(capture.AsSpan(offset + 8));
            var original = (int)BinaryPrimitives.ReadUInt32LittleEndian(capture.AsSpan(offset + 12));
            records.Add((capture.AsSpan(offset + 16, captured).ToArray(), original));
            offset += 16 + captured;
        }
        return records;
    }

    private static uint OnesComplementSum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (var index = 0; index < bytes.Length; index += 2)
        {
            sum += (uint)(bytes[index] << 8 | (index + 1 < bytes.Length ? bytes[index + 1] : 0));
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return sum;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var error = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}: {await error}");
        return (await output).Trim();
    }
}
