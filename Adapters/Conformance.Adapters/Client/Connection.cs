using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Conformance.Adapters.Security;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Client;

/// <summary>
/// An SMB2 transport connection of the client (3.2.1.2 Per SMB2 Transport Connection): a
/// <see cref="DirectTcpTransport"/> with a <see cref="FrameRecorder"/> always on, the negotiated state,
/// the SequenceWindow and OutstandingRequests, and a background receive loop that decrypts, splits
/// compounds, checks signatures, grants credits and hands each response to its request (3.2.5.1).
/// Server notifications (OPLOCK_BREAK with MessageId 0xFFFFFFFFFFFFFFFF) go to the
/// <see cref="BreakInbox"/> of the connection's <see cref="Client"/> (<see cref="WaitForBreakAsync"/> is
/// its view of this connection); frames nothing claimed go to a queue (<see cref="ReceiveRawAsync"/>).
/// Every wait is bounded; a dead or silent server gives a <see cref="Smb2ClientException"/> naming what
/// was awaited.
/// </summary>
public sealed partial class Connection : IAsyncDisposable
{
    /// <summary>The MessageId of a server notification (3.2.5.1.2).</summary>
    public const ulong UnsolicitedMessageId = ulong.MaxValue;

    private static readonly TimeSpan ReceivePoll = TimeSpan.FromHours(1);

    private readonly Channel<ReadOnlyMemory<byte>> unclaimed = System.Threading.Channels.Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly List<string> receiveFaults = [];
    private readonly Task receiveLoop;
    private Smb2ClientException? lost;

    private Connection(ClientGlobal client, DirectTcpTransport transport, FrameRecorder recorder, ConnectionOptions options, string serverName)
    {
        Client = client;
        Transport = transport;
        Recorder = recorder;
        Options = options;
        ServerName = serverName;
        client.Add(this);
        receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public ConnectionOptions Options { get; }

    /// <summary>The client this connection belongs to (3.2.1.1): its ClientGuid, GlobalFileTable and break inbox.</summary>
    public ClientGlobal Client { get; }

    public DirectTcpTransport Transport { get; }

    /// <summary>Every frame sent and received on this connection, with timestamps.</summary>
    public FrameRecorder Recorder { get; }

    // 3.2.1.2 Per SMB2 Transport Connection

    /// <summary>Connection.SessionTable, by SessionId.</summary>
    public ConcurrentDictionary<ulong, Session> SessionTable { get; } = new();

    /// <summary>Connection.OutstandingRequests, by MessageId.</summary>
    public ConcurrentDictionary<ulong, PendingRequest> OutstandingRequests { get; } = new();

    public SequenceWindow SequenceWindow { get; } = new();

    /// <summary>Connection.GSSNegotiateToken: the SecurityBuffer of the NEGOTIATE Response.</summary>
    public byte[]? GSSNegotiateToken { get; set; }

    public uint MaxTransactSize { get; set; } = 65536;

    public uint MaxReadSize { get; set; } = 65536;

    public uint MaxWriteSize { get; set; } = 65536;

    public Guid ServerGuid { get; set; }

    public bool RequireSigning { get; set; }

    public string ServerName { get; set; }

    /// <summary>Connection.Dialect; null is "Unknown" (before NEGOTIATE, or after the 2.??? wildcard answer).</summary>
    public Dialect? Dialect { get; set; }

    public bool SupportsFileLeasing { get; set; }

    public bool SupportsMultiCredit { get; set; }

    public bool SupportsDirectoryLeasing { get; set; }

    public bool SupportsMultiChannel { get; set; }

    public bool SupportsPersistentHandles { get; set; }

    public bool SupportsEncryption { get; set; }

    /// <summary>Connection.ClientCapabilities as sent in the NEGOTIATE Request (2.2.3).</summary>
    public GlobalCapabilities ClientCapabilities { get; set; }

    /// <summary>Connection.ServerCapabilities as received in the NEGOTIATE Response (2.2.4).</summary>
    public GlobalCapabilities ServerCapabilities { get; set; }

    public SecurityMode ClientSecurityMode { get; set; }

    /// <summary>The Dialects the client offered in its NEGOTIATE Request (what FSCTL_VALIDATE_NEGOTIATE_INFO repeats, 3.2.5.5).</summary>
    public IReadOnlyList<Dialect> ClientDialects { get; set; } = [];

    public SecurityMode ServerSecurityMode { get; set; }

    /// <summary>ClientGuid (3.2.1.1): the <see cref="Client"/>'s, which NEGOTIATE sends unless told otherwise.</summary>
    public Guid ClientGuid => Client.ClientGuid;

    /// <summary>The ClientGuid the last successful NEGOTIATE Request of this connection carried (what VALIDATE_NEGOTIATE_INFO repeats); null before one.</summary>
    public Guid? SentClientGuid { get; set; }

    // 3.1.1 additions (current MS-SMB2 3.2.1.2)

    /// <summary>Connection.PreauthIntegrityHashId: SHA-512 once 3.1.1 is negotiated.</summary>
    public HashAlgorithm? PreauthIntegrityHashId { get; set; }

    /// <summary>Connection.PreauthIntegrityHashValue: the SHA-512 chain over the NEGOTIATE request and response (3.1.1).</summary>
    public PreauthIntegrityHash? PreauthIntegrityHashValue { get; set; }

    /// <summary>Connection.CipherId: the cipher the server chose in its ENCRYPTION_CAPABILITIES context (3.1.1); null when none.</summary>
    public Cipher? CipherId { get; set; }

    /// <summary>Connection.SigningAlgorithmId: the server's choice in its SIGNING_CAPABILITIES context (3.1.1); null when none was negotiated.</summary>
    public SigningAlgorithm? SigningAlgorithmId { get; set; }

    /// <summary>The algorithm messages are signed with on this connection (3.1.4.1): by dialect, and for 3.1.1 SigningAlgorithmId.</summary>
    public SigningAlgorithm SigningAlgorithm => Dialect is { } dialect ? SigningAlgorithmExtensions.ForDialect(dialect, SigningAlgorithmId) : SigningAlgorithm.HmacSha256;

    /// <summary>The cipher of TRANSFORM_HEADERs on this connection: AES-128-CCM for 3.0 and 3.0.2, CipherId for 3.1.1.</summary>
    public Cipher? TransformCipher => Dialect switch
    {
        Wire.Dialect.Smb300 or Wire.Dialect.Smb302 => Wire.NegotiateContexts.Cipher.Aes128Ccm,
        Wire.Dialect.Smb311 => CipherId,
        _ => null,
    };

    /// <summary>Server notifications (OPLOCK_BREAK, MessageId 0xFFFFFFFFFFFFFFFF) that came on this connection and are not yet taken from the client's inbox.</summary>
    public int PendingBreakCount => Client.Breaks.CountOn(this);

    /// <summary>Things the receive loop could not make sense of (an undecryptable frame, a bad compound chain, an unmatched MessageId).</summary>
    public IReadOnlyList<string> ReceiveFaults
    {
        get
        {
            lock (receiveFaults)
            {
                return receiveFaults.ToArray();
            }
        }
    }

    public bool IsOpen => Volatile.Read(ref lost) is null;

    /// <summary>Why the connection is gone; null while it is open.</summary>
    internal string? LostReason => Volatile.Read(ref lost)?.Summary;

    /// <summary>
    /// Opens the TCP connection; nothing is sent (NEGOTIATE is <see cref="NegotiateAsync"/>). The
    /// connection belongs to <see cref="ConnectionOptions.Client"/>, or to a client of its own.
    /// </summary>
    public static async Task<Connection> ConnectAsync(string host, int port, ConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ConnectionOptions.Default;
        var recorder = options.Recorder ?? new FrameRecorder();
        var transport = await DirectTcpTransport.ConnectAsync(host, port, options.Transport with { Recorder = recorder }, cancellationToken).ConfigureAwait(false);
        return new Connection(options.Client ?? new ClientGlobal(), transport, recorder, options, options.ServerName ?? host);
    }

    /// <summary>
    /// Sends one request or a compound chain and waits for every response (each within its own
    /// timeout). Returns, in request order, the final responses of the requests that expect one;
    /// an error status is a response like any other, never an exception.
    /// </summary>
    public Task<IReadOnlyList<Smb2Response>> SendAsync(params Smb2Request[] requests) => SendAsync(requests, CancellationToken.None);

    /// <inheritdoc cref="SendAsync(Smb2Request[])"/>
    public async Task<IReadOnlyList<Smb2Response>> SendAsync(IReadOnlyList<Smb2Request> requests, CancellationToken cancellationToken)
    {
        var pending = await PostAsync(requests, cancellationToken).ConfigureAwait(false);
        var responses = new List<Smb2Response>(pending.Count);
        foreach (var request in pending)
        {
            if (request is not null)
            {
                responses.Add(await request.WaitAsync(null, cancellationToken).ConfigureAwait(false));
            }
        }
        return responses;
    }

    /// <summary>Sends one request and waits for its final response.</summary>
    public async Task<Smb2Response> SendOneAsync(Smb2Request request, CancellationToken cancellationToken = default)
    {
        var pending = await PostAsync([request], cancellationToken).ConfigureAwait(false);
        return pending[0] is { } sent
            ? await sent.WaitAsync(null, cancellationToken).ConfigureAwait(false)
            : throw new ArgumentException("the request says it expects no response; use PostAsync", nameof(request));
    }

    /// <summary>
    /// Sends one request or a compound chain (one transport send) without waiting. Returns, aligned
    /// with <paramref name="requests"/>, each request's entry in OutstandingRequests, or null for a
    /// request that expects no response (and for CANCEL, which is never outstanding, 3.2.4.1.3).
    /// </summary>
    public async Task<IReadOnlyList<PendingRequest?>> PostAsync(IReadOnlyList<Smb2Request> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new ArgumentException("a send holds at least one request", nameof(requests));
        }
        ThrowIfLost();
        using var creditWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        creditWait.CancelAfter(Options.CreditTimeout);
        try
        {
            await sendLock.WaitAsync(creditWait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Error(ClientErrorKind.NoCredits, $"waited {PendingRequest.Describe(Options.CreditTimeout)} for the send of {requests[0].Command.ToString().ToUpperInvariant()} to start, another send held the connection");
        }
        var registered = new PendingRequest?[requests.Count];
        try
        {
            for (var i = 0; i < requests.Count; i++)
            {
                registered[i] = await AssignMessageIdAsync(requests[i], creditWait.Token, cancellationToken).ConfigureAwait(false);
            }
            var sessions = ResolveSessions(requests);
            var encryptWith = EncryptionSession(requests[0], sessions[0]);
            if (requests.Count == 1 && encryptWith is null && !WillSign(requests[0], sessions[0], encrypted: false, out _)
                && BulkWrite.Head(requests[0].Message, out var data) is { } head)
            {
                registered[0]?.Sent(head, data, DateTime.UtcNow);
                await Transport.SendAsync(head, data, cancellationToken).ConfigureAwait(false);
                return registered;
            }
            var messages = requests.Select(request => request.Message).ToArray();
            var packet = Smb2Compound.Encode(messages, out var ranges);
            for (var i = 0; i < requests.Count; i++)
            {
                ApplySigning(requests[i], sessions[i], packet.AsSpan(ranges[i]), encrypted: encryptWith is not null);
            }
            var now = DateTime.UtcNow;
            for (var i = 0; i < requests.Count; i++)
            {
                registered[i]?.Sent(packet.AsMemory(ranges[i]), ReadOnlyMemory<byte>.Empty, now);
            }
            var wire = encryptWith is null ? packet : Encrypt(encryptWith, packet);
            await Transport.SendAsync(wire, cancellationToken).ConfigureAwait(false);
            return registered;
        }
        catch (Exception e)
        {
            foreach (var pending in registered)
            {
                if (pending is not null)
                {
                    OutstandingRequests.TryRemove(new KeyValuePair<ulong, PendingRequest>(pending.MessageId, pending));
                }
            }
            if (e is TransportException transportError)
            {
                throw Error(ClientErrorKind.ConnectionLost, $"could not send {requests[0].Command.ToString().ToUpperInvariant()}: {transportError.Message}", transportError);
            }
            throw;
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> as one frame: behind a computed Direct TCP header, or exactly as
    /// given when <paramref name="addDirectTcpHeader"/> is false. The SequenceWindow is not touched;
    /// a scenario that wants ids to stay consistent takes them with <see cref="SequenceWindow.TryTake"/>.
    /// </summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, bool addDirectTcpHeader = true, CancellationToken cancellationToken = default)
    {
        ThrowIfLost();
        try
        {
            if (addDirectTcpHeader)
            {
                await Transport.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Transport.SendRawAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TransportException e)
        {
            throw Error(ClientErrorKind.ConnectionLost, $"could not send a raw {bytes.Length}-byte frame: {e.Message}", e);
        }
    }

    /// <summary>
    /// The next received frame (as it came, without the Direct TCP header) that nothing claimed: no
    /// message of it answered an outstanding request or was a server notification.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> ReceiveRawAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadAsync(unclaimed.Reader, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Error(ClientErrorKind.RawReceiveTimeout, $"waited {PendingRequest.Describe(timeout)} for an unclaimed frame from {Transport.RemoteEndPoint}, none came");
        }
    }

    /// <summary>
    /// The next server notification that came on this connection: an OPLOCK_BREAK with MessageId
    /// 0xFFFFFFFFFFFFFFFF (3.2.5.19), oplock (2.2.23.1) or lease (2.2.23.2) form, taken from the
    /// client's <see cref="BreakInbox"/>, waiting at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<Smb2Response> WaitForBreakAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await Client.Breaks.WaitScopedAsync(timeout, null, "an OPLOCK_BREAK notification", this, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>The recorder's frames, one line each with the SMB2 headers they carry.</summary>
    public string DumpExchange(int lastFrames = int.MaxValue)
    {
        // Only the frames shown are formatted: a long session's exchange is never dumped whole for its last lines.
        var lines = Recorder.Dump(DescribeFrame, Math.Max(0, lastFrames)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - lastFrames)));
    }

    /// <summary>"C NEGOTIATE MID=0 ... ; C ..." for a frame: each message's header, or the transform header.</summary>
    public static string DescribeFrame(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length >= 4 && span.U32(0) == TransformProtocolId)
        {
            return span.Length >= TransformHeader.Size ? $"TRANSFORM SID=0x{span.U64(44):X} {span.Length - TransformHeader.Size} B encrypted" : "TRANSFORM (truncated)";
        }
        if (NetBiosPacket(span) is { } netBios)
        {
            return netBios;
        }
        var split = Smb2Compound.Split(frame);
        return split.IsSuccess ? string.Join(" ; ", split.Value.Select(slice => slice.Header.ToString())) : $"(not SMB2: {split.Error})";
    }

    /// <summary>A NetBIOS session service packet other than a message (RFC 1002 4.3), as the recorder keeps it; null for anything else.</summary>
    private static string? NetBiosPacket(ReadOnlySpan<byte> span)
    {
        if (span.Length < 4 || span[1] != 0)
        {
            return null;
        }
        var length = (span[2] << 8) | span[3];
        return (span[0], length) switch
        {
            (0x81, 68) when span.Length == 72 && NetBiosName.Decode(span[4..]) is { } called && NetBiosName.Decode(span[38..]) is { } calling =>
                $"NetBIOS SESSION REQUEST called \"{called.Name}\" calling \"{calling.Name}\"",
            (0x82, 0) when span.Length == 4 => "NetBIOS POSITIVE SESSION RESPONSE",
            (0x83, 1) when span.Length == 5 => $"NetBIOS NEGATIVE SESSION RESPONSE error 0x{span[4]:X2}",
            (0x84, 6) when span.Length == 10 => "NetBIOS RETARGET SESSION RESPONSE",
            (0x85, 0) when span.Length == 4 => "NetBIOS SESSION KEEP ALIVE",
            _ => null,
        };
    }

    /// <summary>
    /// Drops the connection abruptly (TCP reset: no LOGOFF, no FIN; <see cref="DirectTcpTransport.Abort"/>),
    /// as a network failure would: every outstanding request fails with <see cref="ClientErrorKind.ConnectionLost"/>
    /// now, the opens keep their state (Open.LastDisconnectTime set) for a reconnect (<see cref="ReconnectAsync"/>).
    /// </summary>
    public async Task AbortAsync()
    {
        // Lost first: the receive loop, which the reset ends, must not give its own reason.
        Lose($"the connection {Transport.Connection} was aborted (TCP reset) by this side", new TransportException(TransportErrorKind.ClosedLocally, "aborted by this side"));
        Transport.Abort();
        await receiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await receiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        sendLock.Dispose();
    }

    public override string ToString() =>
        $"connection {Transport.Connection} dialect {Dialect?.ToDisplayString() ?? "Unknown"} window {SequenceWindow}";

    internal Smb2ClientException Error(ClientErrorKind kind, string message, Exception? inner = null)
    {
        var faults = ReceiveFaults;
        var text = new StringBuilder(message);
        if (faults.Count > 0)
        {
            text.Append($" (meanwhile the receive loop noted: {string.Join("; ", faults.TakeLast(3))})");
        }
        return new Smb2ClientException(kind, text.ToString(), DumpExchange(Options.ExchangeLinesInErrors), inner);
    }

    private async Task<PendingRequest?> AssignMessageIdAsync(Smb2Request request, CancellationToken creditToken, CancellationToken callerToken)
    {
        var header = request.Header;
        var charge = request.CreditCharge ?? DefaultCreditCharge();
        header.CreditCharge = charge;
        var consumed = Math.Max(1, (int)charge);
        if (request.Command == Smb2Command.Cancel)
        {
            // 3.2.4.1.3: CANCEL carries the id of the request it cancels and consumes none.
            header.MessageId = request.MessageId ?? header.MessageId;
            header.CreditRequestResponse = request.CreditRequest ?? header.CreditRequestResponse;
            return null;
        }
        if (request.MessageId is { } explicitId)
        {
            SequenceWindow.TakeExact(explicitId, consumed);
            header.MessageId = explicitId;
        }
        else
        {
            try
            {
                header.MessageId = await SequenceWindow.TakeAsync(consumed, creditToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                throw Error(ClientErrorKind.NoCredits,
                    $"waited {PendingRequest.Describe(Options.CreditTimeout)} for {consumed} consecutive MessageId(s) for {request.Command.ToString().ToUpperInvariant()}; the SequenceWindow is {SequenceWindow}");
            }
        }
        header.CreditRequestResponse = request.CreditRequest ?? DefaultCreditRequest(consumed);
        if (!request.ExpectResponse)
        {
            return null;
        }
        var pending = new PendingRequest(this, request.Message, request.ResponseTimeout ?? Options.ResponseTimeout) { FileId = request.FileId, OnResponse = request.OnResponse };
        if (!OutstandingRequests.TryAdd(header.MessageId, pending))
        {
            throw new InvalidOperationException(
                $"MessageId {header.MessageId} is already outstanding ({OutstandingRequests[header.MessageId]}); send the duplicate with ExpectResponse = false and read its answer with ReceiveRawAsync");
        }
        return pending;
    }

    /// <summary>3.2.4.1.5: 1 when the server supports multi-credit, 0 otherwise (and for 2.0.2).</summary>
    private ushort DefaultCreditCharge() => SupportsMultiCredit && Dialect is not Wire.Dialect.Smb202 ? (ushort)1 : (ushort)0;

    /// <summary>3.2.4.1.2: what the request consumes, plus enough to bring the window back to the target.</summary>
    private ushort DefaultCreditRequest(int consumed)
    {
        var shortfall = Math.Max(0, Options.CreditTarget - SequenceWindow.Available);
        return (ushort)Math.Clamp(consumed + shortfall, 1, ushort.MaxValue);
    }

    /// <summary>The session of each request: given, or by SessionId, or (related operations) the previous one's.</summary>
    private Session?[] ResolveSessions(IReadOnlyList<Smb2Request> requests)
    {
        var sessions = new Session?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var header = requests[i].Header;
            sessions[i] = requests[i].Session
                ?? (SessionTable.TryGetValue(header.SessionId, out var byId) ? byId : null)
                ?? ((header.Flags & Smb2HeaderFlags.RelatedOperations) != 0 && i > 0 ? sessions[i - 1] : null);
        }
        return sessions;
    }

    private static TreeConnect? TreeOf(Smb2Request request, Session? session) =>
        request.TreeConnect ?? (session is not null && request.Header.TreeId != 0 && session.TreeConnectTable.TryGetValue(request.Header.TreeId, out var tree) ? tree : null);

    private void ThrowIfLost()
    {
        if (Volatile.Read(ref lost) is { } error)
        {
            throw new Smb2ClientException(ClientErrorKind.ConnectionLost, $"the connection is gone: {error.Summary}", error.Exchange, error);
        }
    }

    private static async Task<T> ReadAsync<T>(ChannelReader<T> reader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (reader.TryRead(out var ready))
        {
            return ready;
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                if (reader.TryRead(out var item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
        // Completed: the connection is gone; ReadAsync's callers see why.
        await reader.Completion.ConfigureAwait(false);
        throw new InvalidOperationException("the queue was completed without an error");
    }
}
