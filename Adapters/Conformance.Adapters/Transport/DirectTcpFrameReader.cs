using System.Buffers;
using System.Globalization;
using System.Net.Sockets;

namespace Conformance.Adapters.Transport;

/// <summary>
/// Takes Direct TCP frames (MS-SMB2 2.1) off a socket through a small buffer, so that one receive
/// call usually brings a whole small frame (or several); the rest of a large message is read
/// straight into its own array. A broken frame is a <see cref="TransportException"/> whose kind
/// closes the connection. One read at a time; not thread-safe. With <see cref="TransportOptions.NetBios"/>
/// the frames are NetBIOS session service packets (RFC 1002 4.3): a SESSION MESSAGE has the same four
/// header bytes as a Direct TCP frame, and SESSION KEEP ALIVE packets are skipped.
/// </summary>
internal sealed class DirectTcpFrameReader(Socket socket, TransportOptions options, string remoteEndPoint)
{
    private const int BufferSize = 16 * 1024;

    private readonly byte[] buffer = new byte[BufferSize];
    private int start;
    private int end;

    /// <summary>Largest NetBIOS session packet other than a SESSION MESSAGE that is read (a session request is 72 bytes).</summary>
    private const int MaxSessionPacket = 1024;

    public long FramesReceived { get; private set; }

    /// <summary>SESSION KEEP ALIVE packets skipped (NetBIOS session service only).</summary>
    public long KeepAlivesReceived { get; private set; }

    /// <summary>The next message, without its Direct TCP header.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadFrameAsync(CancellationToken token)
    {
        await FillHeaderAsync(token).ConfigureAwait(false);
        while (options.NetBios is not null && buffer[start] != (byte)NetBiosSessionPacketType.SessionMessage)
        {
            var packet = buffer.AsSpan(start, DirectTcpHeader.Size);
            if (buffer[start] != (byte)NetBiosSessionPacketType.SessionKeepAlive || DirectTcpHeader.Read(packet) != 0x8500_0000)
            {
                throw new TransportException(TransportErrorKind.InvalidHeader,
                    string.Create(CultureInfo.InvariantCulture, $"NetBIOS session packet from {remoteEndPoint} rejected: header {Convert.ToHexString(packet)} is neither a SESSION MESSAGE (type 0x00) nor an empty SESSION KEEP ALIVE (0x85000000), RFC 1002 4.3"));
            }
            start += DirectTcpHeader.Size;
            KeepAlivesReceived++;
            await FillHeaderAsync(token).ConfigureAwait(false);
        }

        // Checked before any allocation: the header alone decides whether the message is read.
        var header = buffer.AsSpan(start, DirectTcpHeader.Size);
        var announced = DirectTcpHeader.Read(header);
        if (announced > (uint)options.MaxMessageSize)
        {
            var zeroByte = header[0] == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; its Zero byte is 0x{header[0]:X2} where MS-SMB2 2.1 requires 0x00");
            throw new TransportException(TransportErrorKind.OversizeFrame,
                $"frame from {remoteEndPoint} rejected unread: its Direct TCP header {Convert.ToHexString(header)} announces {announced} bytes, over the {options.MaxMessageSize}-byte limit{zeroByte}");
        }
        if (header[0] != 0)
        {
            throw new TransportException(TransportErrorKind.InvalidHeader,
                string.Create(CultureInfo.InvariantCulture, $"frame from {remoteEndPoint} rejected unread: the Zero byte of its Direct TCP header {Convert.ToHexString(header)} is 0x{header[0]:X2}, MS-SMB2 2.1 requires 0x00"));
        }
        start += DirectTcpHeader.Size;

        // Filled below before anyone sees it, so it need not be zeroed first.
        var length = (int)announced;
        var pooled = length >= options.PooledReceiveMinimum;
        var message = pooled ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        var got = Math.Min(length, end - start);
        buffer.AsSpan(start, got).CopyTo(message);
        start += got;
        while (got < length)
        {
            var received = await socket.ReceiveAsync(message.AsMemory(got, length - got), SocketFlags.None, token).ConfigureAwait(false);
            if (received == 0)
            {
                if (pooled)
                {
                    ArrayPool<byte>.Shared.Return(message);
                }
                throw new TransportException(TransportErrorKind.TruncatedFrame,
                    $"connection closed by peer {remoteEndPoint} mid-frame: the Direct TCP header announced a {length}-byte message, {got} byte(s) of it came");
            }
            got += received;
        }
        FramesReceived++;
        return message.AsMemory(0, length);
    }

    /// <summary>
    /// A whole NetBIOS session service packet other than a message (a SESSION REQUEST, a session
    /// response), header included: its length is the 17-bit LENGTH of RFC 1002 4.3.1 (the E bit of
    /// FLAGS and two bytes), at most <see cref="MaxSessionPacket"/>.
    /// </summary>
    public async Task<byte[]> ReadSessionPacketAsync(CancellationToken token)
    {
        await FillHeaderAsync(token).ConfigureAwait(false);
        var length = ((buffer[start + 1] & 0x01) << 16) | (buffer[start + 2] << 8) | buffer[start + 3];
        if (length > MaxSessionPacket || (buffer[start + 1] & 0xFE) != 0)
        {
            throw new TransportException(TransportErrorKind.InvalidHeader,
                $"NetBIOS session packet from {remoteEndPoint} rejected unread: header {Convert.ToHexString(buffer, start, DirectTcpHeader.Size)} announces {length} bytes or sets reserved FLAGS bits (RFC 1002 4.3.1)");
        }
        while (end - start < DirectTcpHeader.Size + length)
        {
            if (!await FillAsync(token).ConfigureAwait(false))
            {
                throw new TransportException(TransportErrorKind.TruncatedFrame,
                    $"connection closed by peer {remoteEndPoint} inside a NetBIOS session packet: {end - start} of its {DirectTcpHeader.Size + length} bytes came");
            }
        }
        var packet = buffer.AsSpan(start, DirectTcpHeader.Size + length).ToArray();
        start += packet.Length;
        return packet;
    }

    private async ValueTask FillHeaderAsync(CancellationToken token)
    {
        while (end - start < DirectTcpHeader.Size)
        {
            if (!await FillAsync(token).ConfigureAwait(false))
            {
                throw end == start
                    ? new TransportException(TransportErrorKind.PeerClosed,
                        $"connection closed by peer {remoteEndPoint} at a frame boundary, after {FramesReceived} frame(s) received")
                    : new TransportException(TransportErrorKind.TruncatedFrame,
                        $"connection closed by peer {remoteEndPoint} mid-frame: {end - start} of the {DirectTcpHeader.Size} bytes of a Direct TCP header came ({Convert.ToHexString(buffer, start, end - start)})");
            }
        }
    }

    /// <summary>Appends what the socket has to the buffer; false when the peer closed.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken token)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        var received = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, token).ConfigureAwait(false);
        end += received;
        return received > 0;
    }
}
