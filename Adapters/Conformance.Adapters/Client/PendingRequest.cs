using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>
/// A request sent and awaiting its response (3.2.1.7 Per Pending Request), an entry of
/// Connection.OutstandingRequests keyed by MessageId. Interim responses (3.2.5.1.5) set
/// <see cref="AsyncId"/> and are kept in <see cref="InterimResponses"/>; the final response completes
/// <see cref="WaitAsync(TimeSpan?, CancellationToken)"/>.
/// </summary>
public sealed class PendingRequest
{
    private readonly Connection connection;
    private readonly TaskCompletionSource<Smb2Response> final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Smb2Response> firstInterim = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Smb2Response> interims = [];
    private readonly TimeSpan defaultTimeout;
    private ulong? asyncId;
    private ReadOnlyMemory<byte> sentHead;
    private ReadOnlyMemory<byte> sentData;
    private byte[]? joined;

    internal PendingRequest(Connection connection, Smb2Message message, TimeSpan defaultTimeout)
    {
        this.connection = connection;
        this.defaultTimeout = defaultTimeout;
        Message = message;
        MessageId = message.Header.MessageId;
        CreditCharge = message.Header.CreditCharge;
        Command = message.Header.Command;
    }

    /// <summary>Request.CancelId: unique among all requests of this client.</summary>
    public Guid CancelId { get; } = Guid.NewGuid();

    public ulong MessageId { get; }

    public ushort CreditCharge { get; }

    public Smb2Command Command { get; }

    /// <summary>The FileId the request names, for Open.OutstandingRequests (3.2.4.1.3); null if none.</summary>
    public FileId? FileId { get; init; }

    /// <summary>See <see cref="Smb2Request.OnResponse"/>.</summary>
    internal Action<Smb2Response>? OnResponse { get; init; }

    /// <summary>Request.Message: the request as built (its header carries the MessageId and credits sent).</summary>
    public Smb2Message Message { get; }

    /// <summary>
    /// The message's bytes as they went out, signed, before any encryption (what the preauth integrity hash covers).
    /// A bulk WRITE whose data went out from the caller's memory (<see cref="BulkWrite"/>) is joined from
    /// its sent header and that memory on first read, like <see cref="Message"/>, which holds the same data.
    /// </summary>
    public ReadOnlyMemory<byte> SentBytes
    {
        get
        {
            if (sentData.IsEmpty)
            {
                return sentHead;
            }
            // Two readers racing may both join: the same bytes either way.
            return joined ??= [.. sentHead.Span, .. sentData.Span];
        }
    }

    /// <summary>Request.Timestamp: when the request was sent.</summary>
    public DateTime Timestamp { get; private set; }

    /// <summary>Request.AsyncId, from the first interim response; null while the request is handled synchronously.</summary>
    public ulong? AsyncId
    {
        get
        {
            lock (interims)
            {
                return asyncId;
            }
        }
    }

    public IReadOnlyList<Smb2Response> InterimResponses
    {
        get
        {
            lock (interims)
            {
                return interims.ToArray();
            }
        }
    }

    public bool IsCompleted => final.Task.IsCompleted;

    /// <summary>The final response, waiting at most <paramref name="timeout"/> (default: the request's response timeout).</summary>
    public async Task<Smb2Response> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var bound = timeout ?? defaultTimeout;
        try
        {
            return await final.Task.WaitAsync(bound, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw connection.Error(ClientErrorKind.ResponseTimeout,
                $"waited {Describe(bound)} for the response to {Describe()}, none came" +
                (AsyncId is { } id ? $" (an interim STATUS_PENDING response gave AsyncId 0x{id:X})" : ""));
        }
    }

    /// <summary>The first interim (STATUS_PENDING) response, waiting at most <paramref name="timeout"/>; the final response if it came first.</summary>
    public async Task<Smb2Response> WaitForInterimAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await firstInterim.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw connection.Error(ClientErrorKind.InterimTimeout,
                $"waited {Describe(timeout)} for an interim STATUS_PENDING response to {Describe()}, none came");
        }
    }

    /// <summary>"CREATE (MessageId 5)".</summary>
    public string Describe() => $"{Command.ToString().ToUpperInvariant()} (MessageId {MessageId})";

    /// <summary>The message went out as <paramref name="head"/> followed by <paramref name="data"/> (empty: all in <paramref name="head"/>).</summary>
    internal void Sent(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> data, DateTime timestamp)
    {
        sentHead = head;
        sentData = data;
        Timestamp = timestamp;
    }

    internal void AddInterim(Smb2Response response)
    {
        lock (interims)
        {
            asyncId = response.Header.AsyncId;
            interims.Add(response);
        }
        firstInterim.TrySetResult(response);
    }

    internal void Complete(Smb2Response response)
    {
        // Set first, so that a wait for the interim sees the final response only when no interim came.
        firstInterim.TrySetResult(response);
        final.TrySetResult(response);
    }

    internal void Fail(Exception error)
    {
        final.TrySetException(error);
        firstInterim.TrySetException(error);
        // Observed or not, a failed wait must not surface as an unobserved task exception.
        _ = final.Task.Exception;
        _ = firstInterim.Task.Exception;
    }

    internal static string Describe(TimeSpan timeout) => Transport.TimeSpanText.Of(timeout);

    public override string ToString() => Describe() + (AsyncId is { } id ? $" AsyncId=0x{id:X}" : "");
}
