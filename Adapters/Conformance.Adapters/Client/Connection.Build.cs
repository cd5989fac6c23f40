using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>Building requests for the high-level operations (3.2.4.1).</summary>
public sealed partial class Connection
{
    /// <summary>
    /// A message for <paramref name="body"/> with the header the operations use: SessionId, TreeId, and
    /// ChannelSequence when the dialect is 3.x and the server supports multichannel or persistent
    /// handles (3.2.4.1). For scenarios that build their own request and send it with <see cref="SendAsync(Smb2Request[])"/>.
    /// </summary>
    public Smb2Message Build(IMessageBody body, Session? session = null, TreeConnect? tree = null)
    {
        var message = Smb2Message.For(body);
        message.Header.SessionId = session?.SessionId ?? 0;
        message.Header.TreeId = tree?.TreeConnectId ?? 0;
        if (session is not null && Dialect is { } dialect && dialect.IsSmb3() && (SupportsMultiChannel || SupportsPersistentHandles))
        {
            message.Header.ChannelSequence = session.ChannelSequence;
        }
        return message;
    }

    /// <summary>
    /// The CreditCharge of 3.1.5.2 for a READ, WRITE, IOCTL or QUERY_DIRECTORY moving
    /// <paramref name="payloadSize"/> bytes: (payload - 1) / 65536 + 1 when Connection.SupportsMultiCredit,
    /// null (the default of 3.2.4.1.5) otherwise.
    /// </summary>
    public ushort? CreditChargeFor(long payloadSize) =>
        SupportsMultiCredit ? (ushort)Math.Clamp((Math.Max(payloadSize, 1) - 1) / 65536 + 1, 1, ushort.MaxValue) : null;

    /// <summary>Sends one request built by <see cref="Build"/> and decodes its final response as <typeparamref name="TResponse"/> or ERROR.</summary>
    public Task<Smb2Response<TResponse>> SendTypedAsync<TResponse>(IMessageBody body, Session? session, TreeConnect? tree,
        FileId? fileId = null, ushort? creditCharge = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IMessageBody<TResponse> =>
        SendProcessedAsync<TResponse>(body, session, tree, null, fileId, creditCharge, timeout, cancellationToken);

    /// <summary>
    /// <see cref="SendTypedAsync"/> whose decoded final response is handed to <paramref name="process"/> by
    /// the receive loop, before it handles the next message: the client state an operation changes
    /// (an open, a lease) is there when a notification right behind the response looks for it.
    /// </summary>
    internal async Task<Smb2Response<TResponse>> SendProcessedAsync<TResponse>(IMessageBody body, Session? session, TreeConnect? tree,
        Action<Smb2Response<TResponse>>? process, FileId? fileId = null, ushort? creditCharge = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IMessageBody<TResponse>
    {
        Smb2Response<TResponse>? processed = null;
        var request = new Smb2Request(Build(body, session, tree))
        {
            Session = session,
            TreeConnect = tree,
            FileId = fileId,
            CreditCharge = creditCharge,
            ResponseTimeout = timeout,
            OnResponse = process is null ? null : raw =>
            {
                processed = Smb2Response<TResponse>.From(raw);
                process(processed);
            },
        };
        var response = await SendOneAsync(request, cancellationToken).ConfigureAwait(false);
        return processed ?? Smb2Response<TResponse>.From(response);
    }
}
