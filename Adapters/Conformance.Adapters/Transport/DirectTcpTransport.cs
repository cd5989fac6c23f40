using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Conformance.Adapters.Transport;

/// <summary>
/// SMB2 over Direct TCP (MS-SMB2 2.1): each message goes on the wire behind a 4-byte header whose
/// first byte is zero and whose other three carry the message length, big-endian.
/// <see cref="ReceiveAsync(TimeSpan, CancellationToken)"/> and <see cref="ReceiveAllAsync(TimeSpan, CancellationToken)"/>
/// read the socket themselves (no reader thread in between), one receive at a time; a receive that
/// times out leaves its read running for the next one. When the connection dies every receive and
/// send fails with the <see cref="TransportException"/> that says why.
/// </summary>
public sealed class DirectTcpTransport : IAsyncDisposable
{
    private static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(2);

    private readonly Socket socket;
    private readonly DirectTcpFrameReader reader;
    private readonly CancellationTokenSource closing = new();
    /// <summary>From this message size on, the Direct TCP header and the message are sent separately instead of copied into one buffer.</summary>
    private const int SeparateHeaderThreshold = 64 * 1024;

    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly string awaitedFrame;
    private Closure? closure;
    /// <summary>A read that a timed-out or cancelled receive left running; the next receive takes it over.</summary>
    private Task<ReadOnlyMemory<byte>>? pendingRead;
    private int receiving;
    private int disposed;

    private DirectTcpTransport(Socket socket, TransportOptions options, string awaitedFrame)
    {
        this.socket = socket;
        this.awaitedFrame = awaitedFrame;
        Options = options;
        socket.NoDelay = true;
        RemoteEndPoint = Describe(socket.RemoteEndPoint);
        LocalEndPoint = Describe(socket.LocalEndPoint);
        Connection = $"{LocalEndPoint} -> {RemoteEndPoint}";
        reader = new DirectTcpFrameReader(socket, options, RemoteEndPoint);
    }

    public TransportOptions Options { get; }
    public string RemoteEndPoint { get; }
    public string LocalEndPoint { get; }

    /// <summary>"local -> remote", as the recorder labels this connection's frames.</summary>
    public string Connection { get; }

    /// <summary>False once the connection died or was closed; <see cref="CloseReason"/> then says why.</summary>
    public bool IsOpen => Volatile.Read(ref closure) is null;

    public TransportErrorKind? CloseReason => Volatile.Read(ref closure)?.Kind;

    /// <summary>
    /// Opens a TCP connection to <paramref name="host"/>:<paramref name="port"/>. Only the TCP connect
    /// is retried (<see cref="TransportOptions.ConnectAttempts"/>, delays doubling from
    /// <see cref="TransportOptions.ConnectRetryDelay"/>), all within <see cref="TransportTimeouts.Connect"/>.
    /// </summary>
    public static async Task<DirectTcpTransport> ConnectAsync(string host, int port, TransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        options ??= TransportOptions.Default;

        EndPoint endPoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
        var target = endPoint is IPEndPoint ip ? ip.ToString() : $"{host}:{port}";
        var timeout = options.Timeouts.Connect;
        var attempts = 0;

        var pipeline = new ResiliencePipelineBuilder().AddTimeout(timeout);
        if (options.ConnectAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectAttempts - 1,
                Delay = options.ConnectRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder().Handle<SocketException>(IsWorthRetrying),
            });
        }

        try
        {
            var socket = await pipeline.Build().ExecuteAsync(
                async token =>
                {
                    attempts++;
                    var attempt = address is null ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        await attempt.ConnectAsync(endPoint, token).ConfigureAwait(false);
                        return attempt;
                    }
                    catch
                    {
                        attempt.Dispose();
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            var transport = new DirectTcpTransport(socket, options, "a response frame");
            if (options.NetBios is { } netBios)
            {
                try
                {
                    await transport.RequestSessionAsync(netBios, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await transport.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
            return transport;
        }
        catch (TimeoutRejectedException e)
        {
            throw new TransportException(TransportErrorKind.ConnectFailed,
                $"waited {TimeSpanText.Of(timeout)} to connect to {target}, no connection was established ({Attempts(attempts)})", e);
        }
        catch (SocketException e)
        {
            throw new TransportException(TransportErrorKind.ConnectFailed,
                $"could not connect to {target}: {Attempts(attempts)} within the {TimeSpanText.Of(timeout)} bound, the last failed with {e.SocketErrorCode} ({e.Message})", e);
        }
    }

    /// <summary>Wraps a socket a listener accepted; the reference server uses this for its side of each connection.</summary>
    public static DirectTcpTransport FromAcceptedSocket(Socket socket, TransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.SocketType != SocketType.Stream || !socket.Connected)
        {
            throw new ArgumentException("expected a connected stream socket", nameof(socket));
        }
        return new DirectTcpTransport(socket, options ?? TransportOptions.Default, "a request frame");
    }

    /// <summary>NetBIOS session service only: the POSITIVE SESSION RESPONSE this client got (header included), or empty.</summary>
    public ReadOnlyMemory<byte> SessionResponse { get; private set; }

    /// <summary>NetBIOS session service only, on a server: the called name of the client's accepted SESSION REQUEST.</summary>
    public string? CalledName { get; private set; }

    /// <summary>NetBIOS session service only: SESSION KEEP ALIVE packets received (and discarded) so far.</summary>
    public long KeepAlivesReceived => reader.KeepAlivesReceived;

    /// <summary>
    /// The server side of the NetBIOS session service (RFC 1002 4.3.2): reads the SESSION REQUEST,
    /// asks <paramref name="judge"/> about its called name, and answers POSITIVE SESSION RESPONSE (null)
    /// or NEGATIVE SESSION RESPONSE with the error it returns, then closes. Any other first packet, or
    /// none within <see cref="NetBiosSessionOptions.SessionTimeout"/>, closes the connection. False unless the session was accepted.
    /// </summary>
    public async Task<bool> AcceptSessionAsync(Func<string, NetBiosSessionError?> judge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var timeout = Options.NetBios?.SessionTimeout ?? throw new InvalidOperationException("the transport was not set up for the NetBIOS session service (TransportOptions.NetBios)");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
        bound.CancelAfter(timeout);
        byte[] request;
        try
        {
            request = await reader.ReadSessionPacketAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Close(TransportErrorKind.SessionRefused, $"no NetBIOS SESSION REQUEST from {RemoteEndPoint} within {TimeSpanText.Of(timeout)}: {e.Message}");
            return false;
        }
        Options.Recorder?.Record(FrameDirection.Received, request, Connection, unframed: true);
        var called = request.Length == 4 + (2 * NetBiosName.EncodedSize) ? NetBiosName.Decode(request.AsSpan(4)) : null;
        var calling = request.Length == 4 + (2 * NetBiosName.EncodedSize) ? NetBiosName.Decode(request.AsSpan(4 + NetBiosName.EncodedSize)) : null;
        if (request[0] != (byte)NetBiosSessionPacketType.SessionRequest || called is null || calling is null)
        {
            Close(TransportErrorKind.SessionRefused, $"the first NetBIOS session packet from {RemoteEndPoint} is no well-formed SESSION REQUEST: {Convert.ToHexString(request)}");
            return false;
        }
        var error = judge(called.Value.Name);
        byte[] response = error is { } refused
            ? [(byte)NetBiosSessionPacketType.NegativeSessionResponse, 0, 0, 1, (byte)refused]
            : [(byte)NetBiosSessionPacketType.PositiveSessionResponse, 0, 0, 0];
        try
        {
            await WriteAsync(response, ReadOnlyMemory<byte>.Empty, response, ReadOnlyMemory<byte>.Empty, unframed: true, bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportException or OperationCanceledException)
        {
            Close(TransportErrorKind.SessionRefused, $"could not answer the NetBIOS SESSION REQUEST of {RemoteEndPoint}: {e.Message}");
            return false;
        }
        if (error is not null)
        {
            Close(TransportErrorKind.SessionRefused, $"refused the NetBIOS session of {RemoteEndPoint} for called name \"{called.Value.Name}\": {error}");
            return false;
        }
        CalledName = called.Value.Name;
        return true;
    }

    /// <summary>Sends a SESSION KEEP ALIVE (RFC 1002 4.3.7), which the peer discards; NetBIOS session service only.</summary>
    public ValueTask SendKeepAliveAsync(CancellationToken cancellationToken = default)
    {
        byte[] keepAlive = [(byte)NetBiosSessionPacketType.SessionKeepAlive, 0, 0, 0];
        return WriteAsync(keepAlive, ReadOnlyMemory<byte>.Empty, keepAlive, ReadOnlyMemory<byte>.Empty, unframed: true, cancellationToken);
    }

    /// <summary>The client side of the session establishment (RFC 1002 4.3.2): SESSION REQUEST, then a POSITIVE SESSION RESPONSE or <see cref="TransportErrorKind.SessionRefused"/>.</summary>
    private async Task RequestSessionAsync(NetBiosSessionOptions netBios, CancellationToken cancellationToken)
    {
        var request = NetBiosName.SessionRequest(netBios.CalledName, netBios.CallingName);
        await WriteAsync(request, ReadOnlyMemory<byte>.Empty, request, ReadOnlyMemory<byte>.Empty, unframed: true, cancellationToken).ConfigureAwait(false);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
        bound.CancelAfter(netBios.SessionTimeout);
        byte[] response;
        try
        {
            response = await reader.ReadSessionPacketAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransportException(TransportErrorKind.SessionRefused,
                $"waited {TimeSpanText.Of(netBios.SessionTimeout)} for the NetBIOS session response of {RemoteEndPoint} to a SESSION REQUEST for \"{netBios.CalledName}\", none came");
        }
        catch (TransportException e)
        {
            throw new TransportException(TransportErrorKind.SessionRefused,
                $"{RemoteEndPoint} answered no NetBIOS session response to a SESSION REQUEST for \"{netBios.CalledName}\": {e.Message}", e);
        }
        Options.Recorder?.Record(FrameDirection.Received, response, Connection, unframed: true);
        if (response.Length != 4 || response[0] != (byte)NetBiosSessionPacketType.PositiveSessionResponse)
        {
            var why = response is [(byte)NetBiosSessionPacketType.NegativeSessionResponse, _, _, _, var code]
                ? $"a NEGATIVE SESSION RESPONSE, error 0x{code:X2} ({(NetBiosSessionError)code})"
                : response[0] == (byte)NetBiosSessionPacketType.RetargetSessionResponse ? "a RETARGET SESSION RESPONSE" : $"the packet {Convert.ToHexString(response)}";
            throw new TransportException(TransportErrorKind.SessionRefused,
                $"{RemoteEndPoint} refused the NetBIOS session for called name \"{netBios.CalledName}\" with {why} (RFC 1002 4.3.2)")
            {
                SessionResponse = response,
            };
        }
        SessionResponse = response;
    }

    /// <summary>Writes the Direct TCP header and then <paramref name="message"/> (an SMB2 message or compound), as one frame. <paramref name="message"/> must not change until the returned task completes (a large one is sent from where it is).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (message.Length > DirectTcpHeader.MaxStreamProtocolLength)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Length,
                $"a Direct TCP header cannot announce more than {DirectTcpHeader.MaxStreamProtocolLength} bytes (MS-SMB2 2.1); use SendRawAsync to write any header");
        }
        if (message.Length >= SeparateHeaderThreshold)
        {
            // A large message goes out as it is, right after its header: copying it into one frame buffer would cost more than a second send call.
            var header = new byte[DirectTcpHeader.Size];
            DirectTcpHeader.Write(header, message.Length);
            return WriteAsync(header, message, message, ReadOnlyMemory<byte>.Empty, unframed: false, cancellationToken);
        }
        var frame = new byte[DirectTcpHeader.Size + message.Length];
        DirectTcpHeader.Write(frame, message.Length);
        message.Span.CopyTo(frame.AsSpan(DirectTcpHeader.Size));
        return WriteAsync(frame, ReadOnlyMemory<byte>.Empty, message, ReadOnlyMemory<byte>.Empty, unframed: false, cancellationToken);
    }

    /// <summary>
    /// Sends the message made of <paramref name="head"/> followed by <paramref name="tail"/> as one frame,
    /// <paramref name="tail"/> from where it is (a large payload need not be copied behind its headers first).
    /// Neither may change until the returned task completes.
    /// </summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> tail, CancellationToken cancellationToken = default)
    {
        var length = head.Length + tail.Length;
        if (length > DirectTcpHeader.MaxStreamProtocolLength)
        {
            throw new ArgumentOutOfRangeException(nameof(tail), length,
                $"a Direct TCP header cannot announce more than {DirectTcpHeader.MaxStreamProtocolLength} bytes (MS-SMB2 2.1)");
        }
        var frame = new byte[DirectTcpHeader.Size + head.Length];
        DirectTcpHeader.Write(frame, length);
        head.Span.CopyTo(frame.AsSpan(DirectTcpHeader.Size));
        return WriteAsync(frame, tail, head, tail, unframed: false, cancellationToken);
    }

    /// <summary>Writes <paramref name="bytes"/> exactly as given, no header added: for malformed framing scenarios.</summary>
    public ValueTask SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        WriteAsync(bytes, ReadOnlyMemory<byte>.Empty, bytes, ReadOnlyMemory<byte>.Empty, unframed: true, cancellationToken);

    /// <summary>The next received message (without its Direct TCP header), waiting at most <see cref="TransportTimeouts.Receive"/>.</summary>
    public ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveAsync(Options.Timeouts.Receive, cancellationToken);

    /// <summary>
    /// The next received message (without its Direct TCP header), waiting at most <paramref name="timeout"/>.
    /// A timeout leaves the connection usable; a dead connection throws the error that killed it.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TransportTimeouts.Checked(timeout, nameof(timeout));
        if (Interlocked.Exchange(ref receiving, 1) != 0)
        {
            throw new InvalidOperationException($"another receive on {Connection} is still waiting; receives on one transport take turns");
        }
        try
        {
            var read = pendingRead ?? ReadFrameAsync();
            pendingRead = null;
            if (!read.IsCompleted)
            {
                try
                {
                    await read.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    pendingRead = read;
                    throw new TransportException(TransportErrorKind.ReceiveTimeout,
                        $"waited {TimeSpanText.Of(timeout)} for {awaitedFrame} from {RemoteEndPoint}, none came");
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    pendingRead = read;
                    throw;
                }
            }
            return await read.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref receiving, 0);
        }
    }

    /// <summary>
    /// Hands back a message this transport received into a pooled buffer (<see cref="TransportOptions.PooledReceiveMinimum"/>)
    /// once the caller and everything it passed the message to are done with it; a smaller message is left alone.
    /// The caller must not return a message twice, nor one that is still referenced.
    /// </summary>
    public void ReturnReceived(ReadOnlyMemory<byte> message)
    {
        if (message.Length >= Options.PooledReceiveMinimum && MemoryMarshal.TryGetArray(message, out var segment) && segment.Offset == 0 && segment.Array is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>
    /// Received messages as they come, each awaited at most <paramref name="idleTimeout"/>. Ends when
    /// the peer closes at a frame boundary; any other failure (a timeout included) is thrown.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReceiveAllAsync(TimeSpan idleTimeout, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ReadOnlyMemory<byte> message;
            try
            {
                message = await ReceiveAsync(idleTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TransportException e) when (e.Kind == TransportErrorKind.PeerClosed)
            {
                yield break;
            }
            yield return message;
        }
    }

    /// <summary>Closes the connection (FIN, then the socket), which ends a read still running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        Close(TransportErrorKind.ClosedLocally, $"the transport {Connection} was closed by this side");
        if (pendingRead is { } read)
        {
            await ((Task)read).WaitAsync(DisposeBound).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Nobody will await it now: its failure must not surface as an unobserved task exception.
            _ = read.Exception;
        }
    }

    /// <summary>
    /// Drops the connection abruptly: SO_LINGER with a zero timeout, then close, so the peer gets a TCP
    /// reset (RST) instead of the FIN of <see cref="DisposeAsync"/>, and nothing still queued is sent.
    /// Every receive and send then fails with <see cref="TransportErrorKind.ClosedLocally"/>.
    /// </summary>
    public void Abort()
    {
        Close(TransportErrorKind.ClosedLocally, $"the transport {Connection} was aborted (TCP reset) by this side", abortive: true);
    }

    /// <summary>Writes <paramref name="first"/> then <paramref name="second"/> under the send lock, as one frame on the wire; the recorder sees <paramref name="recorded"/> then <paramref name="recordedTail"/>.</summary>
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, ReadOnlyMemory<byte> recorded, ReadOnlyMemory<byte> recordedTail, bool unframed, CancellationToken cancellationToken)
    {
        var length = first.Length + second.Length;
        var timeout = Options.Timeouts.Send;
        ThrowIfClosed();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
        wait.CancelAfter(timeout);
        var locked = false;
        try
        {
            await sendLock.WaitAsync(wait.Token).ConfigureAwait(false);
            locked = true;
            ThrowIfClosed();
            Options.Recorder?.Record(FrameDirection.Sent, recorded.Span, recordedTail.Span, Connection, unframed);
            if (second.IsEmpty)
            {
                await SendAllAsync(first, wait.Token).ConfigureAwait(false);
            }
            else
            {
                await SendGatheredAsync(first, second, timeout).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !closing.IsCancellationRequested)
        {
            // A send abandoned part-way leaves the peer inside a frame: the connection cannot be used again.
            var message = $"waited {TimeSpanText.Of(timeout)} to send a {length}-byte frame to {RemoteEndPoint}, the peer did not take it; the connection is closed";
            Close(TransportErrorKind.SendTimeout, message);
            throw new TransportException(TransportErrorKind.SendTimeout, message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfClosed();
            throw;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (e is SocketException socketError)
            {
                Close(TransportErrorKind.ConnectionFailed, $"the connection to {RemoteEndPoint} failed while sending: {socketError.SocketErrorCode} ({socketError.Message})");
            }
            ThrowIfClosed(e);
            throw;
        }
        finally
        {
            if (locked)
            {
                sendLock.Release();
            }
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>
    /// Both parts with one gathering send (one sendmsg), so the peer gets the start of the frame and
    /// its payload together, as from one buffer; separate sends would put the start in a segment of
    /// its own. Once started, the frame is finished or the connection closed: the caller's
    /// cancellation no longer applies, only the send timeout.
    /// </summary>
    private async ValueTask SendGatheredAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, TimeSpan timeout)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        bound.CancelAfter(timeout);
        if (!MemoryMarshal.TryGetArray(first, out var head) || !MemoryMarshal.TryGetArray(second, out var tail))
        {
            await SendAllAsync(first, bound.Token).ConfigureAwait(false);
            await SendAllAsync(second, bound.Token).ConfigureAwait(false);
            return;
        }
        var gathered = socket.SendAsync([head, tail], SocketFlags.None);
        int sent;
        try
        {
            sent = await gathered.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connection is closed for this timeout, which fails the send: nobody awaits it any more.
            _ = gathered.ContinueWith(static send => _ = send.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        // A stream socket's gathering send completes whole; should it not, the rest goes out piece by piece.
        if (sent < first.Length)
        {
            await SendAllAsync(first[sent..], bound.Token).ConfigureAwait(false);
            sent = first.Length;
        }
        await SendAllAsync(second[(sent - first.Length)..], bound.Token).ConfigureAwait(false);
    }

    private void ThrowIfClosed(Exception? inner = null)
    {
        if (Volatile.Read(ref closure) is { } reason)
        {
            throw new TransportException(reason.Kind, $"cannot send: {reason.Message}", inner);
        }
    }

    /// <summary>The next frame off the socket, recorded; a broken frame or a dead socket closes the connection and throws why.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadFrameAsync()
    {
        if (Volatile.Read(ref closure) is null)
        {
            try
            {
                var message = await reader.ReadFrameAsync(closing.Token).ConfigureAwait(false);
                Options.Recorder?.Record(FrameDirection.Received, message.Span, Connection);
                return message;
            }
            catch (TransportException e)
            {
                Close(e.Kind, e.Message);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                Close(TransportErrorKind.ClosedLocally, $"the transport {Connection} was closed by this side");
            }
            catch (SocketException e)
            {
                Close(TransportErrorKind.ConnectionFailed, $"the connection to {RemoteEndPoint} failed while receiving: {e.SocketErrorCode} ({e.Message})");
            }
        }
        var reason = Volatile.Read(ref closure)!;
        throw new TransportException(reason.Kind, reason.Message);
    }

    /// <summary>
    /// The first reason to close wins; later ones are ignored. An abortive close skips the shutdown
    /// (which would send a FIN first) and sets a zero linger, so closing the socket resets the connection.
    /// </summary>
    private void Close(TransportErrorKind kind, string message, bool abortive = false)
    {
        if (Interlocked.CompareExchange(ref closure, new Closure(kind, message), null) is not null)
        {
            return;
        }
        closing.Cancel();
        try
        {
            if (abortive)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (SocketException)
        {
            // Already reset or not connected: nothing left to shut down.
        }
        catch (ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    private static bool IsWorthRetrying(SocketException e) => e.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.TimedOut or SocketError.HostUnreachable or
        SocketError.NetworkUnreachable or SocketError.ConnectionReset or SocketError.TryAgain;

    private static string Attempts(int count) => count == 1 ? "1 attempt" : $"{count} attempts";

    private static string Describe(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped => new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port).ToString(),
        null => "(unknown)",
        _ => endPoint.ToString() ?? "(unknown)",
    };

    private sealed record Closure(TransportErrorKind Kind, string Message);
}
