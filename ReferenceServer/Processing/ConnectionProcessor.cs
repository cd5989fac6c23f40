using System.Buffers.Binary;
using Conformance.Adapters.Security;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Sending;
using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// Serves one connection: receives packets, decrypts (3.3.5.2.1), splits compounds (3.3.5.2.7),
/// validates each request (3.3.5.2.2 to 3.3.5.2.11), dispatches it to its command handler, and
/// hands the responses, with credits (3.3.4.1.2), to the connection's <see cref="ConnectionSender"/>.
/// Requests are processed in order; a request that must wait (a break acknowledgment, a lock, a change
/// notification) goes async (3.3.4.2) and completes in the background while the connection reads on.
/// A handler that throws answers STATUS_INTERNAL_ERROR and is recorded as a <see cref="ServerFault"/>.
/// </summary>
internal sealed class ConnectionProcessor(ServerRuntime runtime, Connection connection, DirectTcpTransport transport, ProcessorLimits limits)
{
    private static readonly TimeSpan IdleReceive = TimeSpan.FromHours(1);
    private const int UnchargedRequestLimit = 68 * 1024;

    private readonly Server server = runtime.Server;
    private readonly ConnectionSender sender = new(connection, transport, runtime.ResponseTamper);
    private readonly CommandTable commands = new(runtime.Server);
    private readonly CancellationTokenSource closing = new();

    /// <summary>
    /// Cleared while a packet is processed when something may keep its bytes past the response:
    /// only a packet of WRITE requests answered at once goes back to the transport's pool (the
    /// store copies the data before the handler returns), any other may be referenced by handlers
    /// or by work still pending.
    /// </summary>
    private bool packetReleasable;

    public Connection Connection => connection;

    public async Task RunAsync(CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, closing.Token);
        connection.Sender = sender;
        try
        {
            while (!linked.IsCancellationRequested)
            {
                ReadOnlyMemory<byte> frame;
                try
                {
                    frame = await transport.ReceiveAsync(IdleReceive, linked.Token).ConfigureAwait(false);
                }
                catch (TransportException e) when (e.Kind == TransportErrorKind.ReceiveTimeout)
                {
                    continue;
                }
                packetReleasable = true;
                var disconnect = await ProcessPacketAsync(frame, linked.Token).ConfigureAwait(false);
                if (disconnect is not null)
                {
                    limits.Log?.Invoke($"{connection}: disconnecting: {disconnect}");
                    break;
                }
                if (packetReleasable)
                {
                    transport.ReturnReceived(frame);
                }
            }
        }
        catch (TransportException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await closing.CancelAsync().ConfigureAwait(false);
            sender.Close();
            await ConnectionLoss.RunAsync(runtime, connection).ConfigureAwait(false);
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection from the server side (server stop).</summary>
    public Task CloseAsync() => closing.CancelAsync();

    /// <summary>Returns a reason to disconnect, or null to go on.</summary>
    private async Task<string?> ProcessPacketAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (packet.Length < 4)
        {
            return $"a {packet.Length}-byte message has no protocol identifier (3.3.5.2.6)";
        }
        var protocolId = BinaryPrimitives.ReadUInt32LittleEndian(packet.Span);
        if (protocolId == Smb1NegotiateRequest.Smb1ProtocolId)
        {
            packetReleasable = false;
            return await ProcessSmb1NegotiateAsync(packet, cancellationToken).ConfigureAwait(false);
        }
        var isEncrypted = false;
        ulong transformSessionId = 0;
        if (protocolId == TransformHeader.TransformProtocolId)
        {
            // 3.3.5.2.1: only on a 3.x connection that negotiated a cipher; an unknown session or a
            // failed authentication of the ciphertext ends the connection.
            var cipher = connection.EffectiveCipher;
            if (!connection.IsSmb3 || cipher is null || !server.IsEncryptionSupported)
            {
                return "a TRANSFORM_HEADER on a connection that negotiated no encryption (3.3.5.2.1)";
            }
            var header = TransformHeader.Read(packet.Span);
            if (!header.IsSuccess)
            {
                return header.Error.ToString();
            }
            if (header.Value.OriginalMessageSize < Smb2Header.Size || header.Value.OriginalMessageSize > packet.Length - TransformHeader.Size)
            {
                return $"OriginalMessageSize {header.Value.OriginalMessageSize} does not fit the message (3.3.5.2.1)";
            }
            if (!connection.SessionTable.TryGetValue(header.Value.SessionId, out var session) || session.DecryptionKey is not { Length: > 0 } key)
            {
                return $"TRANSFORM_HEADER names SessionId 0x{header.Value.SessionId:X16}, not a session of this connection (3.3.5.2.1)";
            }
            DecryptResult decrypted;
            using (var aead = new MessageCipher(cipher.Value, key))
            {
                decrypted = aead.Decrypt(packet.Span);
            }
            if (!decrypted.IsSuccess)
            {
                return $"decryption failed: {decrypted.Error} (3.3.5.2.1)";
            }
            packet = decrypted.Value.Message;
            isEncrypted = true;
            transformSessionId = header.Value.SessionId;
            if (packet.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(packet.Span) != Smb2Header.Smb2ProtocolId)
            {
                return "the decrypted message is not an SMB2 message";
            }
        }
        else if (protocolId != Smb2Header.Smb2ProtocolId)
        {
            return $"protocol identifier 0x{protocolId:X8} is not SMB2 (3.3.5.2.6)";
        }

        var split = Smb2Compound.Split(packet);
        if (!split.IsSuccess)
        {
            return split.Error.ToString();
        }
        var slices = split.Value;
        var responses = new List<PreparedResponse>(slices.Count);
        FileId? compoundFileId = null;
        uint? compoundFileStatus = null;
        ulong previousSessionId = 0;
        uint previousTreeId = 0;
        Session? previousSession = null;
        var previousHasSession = false;
        var previousHasTree = false;
        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            var header = slice.Header;
            if (header.IsResponse)
            {
                return "a response (SMB2_FLAGS_SERVER_TO_REDIR) was sent to the server";
            }
            if ((ushort)header.Command > (ushort)Smb2Command.OplockBreak)
            {
                return $"unknown command 0x{(ushort)header.Command:X4} (3.3.5.2.6)";
            }
            if (header.Command != Smb2Command.Write)
            {
                packetReleasable = false;
            }
            var related = (header.Flags & Smb2HeaderFlags.RelatedOperations) != 0;
            // 3.3.5.2.7: inside an encrypted packet, each unrelated request must name the transform's session.
            if (isEncrypted && (i == 0 || !related) && header.SessionId != transformSessionId)
            {
                return $"SessionId 0x{header.SessionId:X16} differs from the TRANSFORM_HEADER's 0x{transformSessionId:X16} (3.3.5.2.7)";
            }
            // 3.3.5.2.2
            if (header.Command != Smb2Command.Negotiate && connection.NegotiateDialect is Connection.NoDialect or (ushort)Dialect.Smb2Wildcard)
            {
                return $"{header.Command} before NEGOTIATE completed (3.3.5.2.2)";
            }
            if (slice.Bytes.Length > UnchargedRequestLimit && !IsLargePayloadCommand(header.Command))
            {
                return $"a {slice.Bytes.Length}-byte {header.Command} request (3.3.5.2)";
            }
            if (header.Command != Smb2Command.Cancel)
            {
                // 3.3.5.2.3: every id of the charge must lie in the window.
                ulong charge = connection.SupportsMultiCredit ? Math.Max((ushort)1, header.CreditCharge) : 1UL;
                if (!connection.CommandSequenceWindow.TryConsume(header.MessageId, charge))
                {
                    return $"MessageId {header.MessageId} (charge {charge}) is not in the CommandSequenceWindow (3.3.5.2.3)";
                }
            }
            var request = new Request(header.MessageId) { IsEncrypted = isEncrypted, TransformSessionId = transformSessionId };
            if (header.Command != Smb2Command.Cancel)
            {
                connection.RequestList[header.MessageId] = request;
            }
            var context = new RequestContext(runtime, connection, slice, request)
            {
                SessionId = related && i > 0 ? previousSessionId : header.SessionId,
                TreeId = related && i > 0 ? previousTreeId : header.TreeId,
                CompoundFileId = related ? compoundFileId : null,
                CompoundFileStatus = related ? compoundFileStatus : null,
            };
            if (related && i > 0)
            {
                context.Session = previousSession;
                context.RelatedSessionMissing = !previousHasSession;
                context.RelatedTreeMissing = !previousHasTree;
            }
            Outcome outcome;
            if (related && i == 0)
            {
                // 3.3.5.2.7.2 <208>: the first request of a chain cannot be related.
                outcome = Outcome.Error(header.Command, NtStatus.InvalidParameter);
            }
            else
            {
                outcome = await ProcessRequestAsync(context, cancellationToken).ConfigureAwait(false);
            }
            if (outcome.IsDisconnect)
            {
                return outcome.DisconnectReason;
            }
            if (outcome.NoResponse)
            {
                RequestCompletion.Complete(connection, request);
                continue;
            }
            previousSessionId = context.SessionId;
            previousTreeId = context.TreeId;
            previousSession = context.Session;
            // 3.3.5.2.7.2: what the next related request may inherit; a failed SESSION_SETUP or TREE_CONNECT created nothing.
            var failed = NtStatus.IsError(outcome.Status) && !outcome.IsPending;
            previousHasSession = context.SessionId != 0 && !(failed && header.Command == Smb2Command.SessionSetup) && !context.RelatedSessionMissing;
            previousHasTree = context.TreeId != 0 && !(failed && header.Command == Smb2Command.TreeConnect) && !context.RelatedTreeMissing;
            if (context.ResultFileId is { } resultFileId)
            {
                compoundFileId = outcome.IsPending || outcome.Status == NtStatus.Success || !NtStatus.IsError(outcome.Status) ? resultFileId : null;
                compoundFileStatus = outcome.IsPending || !NtStatus.IsError(outcome.Status) ? null : outcome.Status;
                if (compoundFileId is null && compoundFileStatus is null)
                {
                    compoundFileStatus = outcome.Status;
                }
            }
            else if (NtStatus.IsError(outcome.Status) && header.Command == Smb2Command.Create)
            {
                compoundFileId = null;
                compoundFileStatus = outcome.Status;
            }
            if (outcome.IsPending)
            {
                packetReleasable = false;
                var prepared = StartAsync(context, outcome, related && i > 0, cancellationToken);
                responses.Add(prepared);
            }
            else
            {
                RequestCompletion.Complete(connection, request);
                responses.Add(new PreparedResponse(context, outcome, Grant(header), related && i > 0, AsyncId: 0));
            }
        }
        if (responses.Count > 0)
        {
            await SendAsync(responses, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    private static bool IsBinding(RequestContext context) =>
        context.Header.Command == Smb2Command.SessionSetup && context.SessionId != 0
        && SessionSetupRequest.Read(context.Bytes) is { IsSuccess: true } request && (request.Value.Flags & SessionSetupRequestFlags.Binding) != 0;

    private static bool IsLargePayloadCommand(Smb2Command command) => command is Smb2Command.Read or Smb2Command.Write or Smb2Command.Ioctl
        or Smb2Command.QueryDirectory or Smb2Command.ChangeNotify or Smb2Command.QueryInfo or Smb2Command.SetInfo;

    private ushort Grant(Smb2Header header) =>
        connection.CommandSequenceWindow.Grant(Math.Max((ushort)1, header.CreditRequestResponse), server.MaxCredits);

    private async Task<Outcome> ProcessRequestAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var header = context.Header;
        var handler = commands.For(header.Command);
        if (handler is null)
        {
            return Outcome.Error(header.Command, NtStatus.NotSupported);
        }
        // 3.3.5.2.4, skipped for a decrypted 3.x request.
        if (!(context.IsEncrypted && connection.IsSmb3))
        {
            if (header.Command == Smb2Command.Negotiate && header.IsSigned)
            {
                return Outcome.Error(header.Command, NtStatus.InvalidParameter);
            }
            // A binding SESSION_SETUP is signed with a session of another connection: 3.3.5.5 verifies it after its own checks.
            if (header.IsSigned && !IsBinding(context))
            {
                if (!connection.SessionTable.TryGetValue(context.SessionId, out var signingSession))
                {
                    return Outcome.Error(header.Command, NtStatus.UserSessionDeleted);
                }
                var key = signingSession.SigningKeyFor(connection);
                if (key is null)
                {
                    return Outcome.Error(header.Command, NtStatus.NotSupported);
                }
                if (!MessageSigner.Verify(connection.SigningAlgorithm, key, context.Bytes.Span))
                {
                    limits.Log?.Invoke($"{connection}: bad signature on {header}");
                    return Outcome.Error(header.Command, NtStatus.AccessDenied);
                }
                context.Session = signingSession;
            }
            else if (header.Command is not (Smb2Command.Negotiate or Smb2Command.SessionSetup or Smb2Command.Cancel or Smb2Command.Echo)
                     && server.GlobalSessionTable.TryGetValue(context.SessionId, out var unsignedSession)
                     && unsignedSession.SigningRequired && unsignedSession.State == SessionState.Valid)
            {
                return Outcome.Error(header.Command, NtStatus.AccessDenied);
            }
        }
        var creditError = CheckCreditCharge(context);
        if (creditError is not null)
        {
            return creditError;
        }
        // 3.3.5.2.7.2: a related request cannot use a SessionId or TreeId the previous request did not have or failed to create.
        if ((handler.RequiresSession && context.RelatedSessionMissing) || (handler.RequiresTreeConnect && context.RelatedTreeMissing))
        {
            return Outcome.Error(header.Command, NtStatus.InvalidParameter);
        }
        if (handler.RequiresSession)
        {
            // 3.3.5.2.9
            if (!connection.SessionTable.TryGetValue(context.SessionId, out var session))
            {
                return Outcome.Error(header.Command, NtStatus.UserSessionDeleted);
            }
            context.Session = session;
            session.IdleTime = runtime.Clock.GetUtcNow();
            var lenient = header.Command is Smb2Command.Logoff or Smb2Command.Close or Smb2Command.Lock;
            if (session.State == SessionState.Expired && !lenient)
            {
                return Outcome.Error(header.Command, NtStatus.NetworkSessionExpired);
            }
            if (session.State == SessionState.InProgress && !lenient)
            {
                return Outcome.Error(header.Command, NtStatus.UserSessionDeleted);
            }
            if (connection.IsSmb3 && session.EncryptData && server.RejectUnencryptedAccess && !context.IsEncrypted)
            {
                return Outcome.Error(header.Command, NtStatus.AccessDenied);
            }
            if (handler.RequiresTreeConnect)
            {
                // 3.3.5.2.11
                if (!session.TreeConnectTable.TryGetValue(context.TreeId, out var treeConnect))
                {
                    return Outcome.Error(header.Command, NtStatus.NetworkNameDeleted);
                }
                context.TreeConnect = treeConnect;
                if (connection.IsSmb3 && server.RejectUnencryptedAccess && !context.IsEncrypted && (treeConnect.Share.EncryptData || server.EncryptData))
                {
                    return Outcome.Error(header.Command, NtStatus.AccessDenied);
                }
            }
        }
        if (connection.AsyncCommandList.Count >= limits.MaxOutstandingAsyncRequests && header.Command is Smb2Command.ChangeNotify or Smb2Command.Lock)
        {
            return Outcome.Error(header.Command, NtStatus.InsufficientResources);
        }
        try
        {
            if (runtime.FaultInjection?.Invoke(header.Command) is { } injected)
            {
                throw injected;
            }
            return await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must not take the server down, nor look like an answer a scenario expects.
            return InternalError(header.Command, e);
        }
    }

    /// <summary>3.3.5.2.5: the CreditCharge must cover the payload (3.1.5.2: one credit per 64 KiB).</summary>
    private Outcome? CheckCreditCharge(RequestContext context)
    {
        var header = context.Header;
        if (!connection.SupportsMultiCredit)
        {
            return null;
        }
        var span = context.Bytes.Span;
        const int body = Smb2Header.Size;
        long payload = header.Command switch
        {
            Smb2Command.Read when span.Length >= body + 8 => span.U32(body + 4),
            Smb2Command.Write when span.Length >= body + 8 => span.U32(body + 4),
            Smb2Command.Ioctl when span.Length >= body + 48 =>
                Math.Max((long)span.U32(body + 28) + span.U32(body + 40), (long)span.U32(body + 32) + span.U32(body + 44)),
            Smb2Command.QueryDirectory when span.Length >= body + 32 => span.U32(body + 28),
            Smb2Command.ChangeNotify when span.Length >= body + 8 => span.U32(body + 4),
            Smb2Command.QueryInfo when span.Length >= body + 16 => Math.Max(span.U32(body + 4), span.U32(body + 12)),
            Smb2Command.SetInfo when span.Length >= body + 8 => span.U32(body + 4),
            _ => 0,
        };
        if (header.CreditCharge == 0)
        {
            return payload > 65536 ? Outcome.Error(header.Command, NtStatus.InvalidParameter) : null;
        }
        var expected = payload == 0 ? 1 : (payload - 1) / 65536 + 1;
        return expected > header.CreditCharge ? Outcome.Error(header.Command, NtStatus.InvalidParameter) : null;
    }

    /// <summary>STATUS_INTERNAL_ERROR for a handler that threw; the fault is recorded for whoever watches the server.</summary>
    private Outcome InternalError(Smb2Command command, Exception exception)
    {
        runtime.RecordFault(connection, command, exception);
        return Outcome.Error(command, NtStatus.InternalError);
    }

    /// <summary>
    /// Goes async (3.3.4.2): an interim STATUS_PENDING response now, the final one when the work
    /// completes, never before the interim went out.
    /// </summary>
    private PreparedResponse StartAsync(RequestContext context, Outcome outcome, bool related, CancellationToken cancellationToken)
    {
        var request = context.Request;
        request.AsyncId = server.NewAsyncId();
        connection.AsyncCommandList[request.AsyncId] = request;
        var interim = new PreparedResponse(context, Outcome.Error(context.Header.Command, NtStatus.Pending), Grant(context.Header), related, request.AsyncId)
        {
            Sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        _ = CompleteAsync(context, outcome, interim.Sent.Task, cancellationToken);
        return interim;
    }

    private async Task CompleteAsync(RequestContext context, Outcome pending, Task interimSent, CancellationToken cancellationToken)
    {
        var request = context.Request;
        Outcome final;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(request.Cancellation.Token, cancellationToken);
        try
        {
            final = await pending.Completion!(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            final = Outcome.Error(context.Header.Command, NtStatus.Cancelled);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            final = InternalError(context.Header.Command, e);
        }
        RequestCompletion.Complete(connection, request);
        if (cancellationToken.IsCancellationRequested || final.NoResponse)
        {
            return;
        }
        try
        {
            await interimSent.ConfigureAwait(false);
            await SendAsync([new PreparedResponse(context, final, 0, false, request.AsyncId)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task<string?> ProcessSmb1NegotiateAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        // 3.3.5.3: only as the first message of a connection.
        if (connection.NegotiateDialect != Connection.NoDialect)
        {
            return "SMB_COM_NEGOTIATE after a dialect was negotiated (3.3.5.3)";
        }
        var request = Smb1NegotiateRequest.Read(packet);
        if (!request.IsSuccess)
        {
            return request.Error.ToString();
        }
        // 3.3.5.2.3: an SMB_COM_NEGOTIATE counts as MessageId 0.
        if (!connection.CommandSequenceWindow.TryConsume(0, 1))
        {
            return "MessageId 0 already used";
        }
        var outcome = NegotiateHandler.HandleSmb1(server, connection, request.Value);
        if (outcome.IsDisconnect)
        {
            return outcome.DisconnectReason;
        }
        var header = new Smb2Header { Command = Smb2Command.Negotiate, MessageId = 0, CreditRequestResponse = 0 };
        var slice = new MessageSlice(header, Array.Empty<byte>(), 0);
        var context = new RequestContext(runtime, connection, slice, new Request(0));
        await SendAsync([new PreparedResponse(context, outcome, Grant(header), false, 0)], cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task SendAsync(IReadOnlyList<PreparedResponse> responses, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendResponsesAsync(responses.Select(Outgoing).ToList(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Sent?.TrySetResult();
            }
        }
    }

    private static OutgoingResponse Outgoing(PreparedResponse response)
    {
        var context = response.Context;
        var outcome = response.Outcome;
        return new OutgoingResponse(context.Header, outcome.Status, outcome.Body ?? new ErrorResponse(context.Header.Command), response.Credits, response.Related, response.AsyncId)
        {
            SessionId = context.SessionId,
            TreeId = context.TreeId,
            Session = context.Session,
            Share = context.TreeConnect?.Share,
            RequestWasEncrypted = context.IsEncrypted,
            OnEncoded = outcome.OnEncoded,
            OnSent = outcome.OnSent,
        };
    }
}

/// <summary>A response ready to be encoded: the request it answers, the outcome, credits, compound and async form.</summary>
internal sealed record PreparedResponse(RequestContext Context, Outcome Outcome, ushort Credits, bool Related, ulong AsyncId)
{
    /// <summary>For an interim response: completed once it went out (or failed to), so the final one follows it.</summary>
    public TaskCompletionSource? Sent { get; init; }
}

/// <summary>Resource bounds of one connection.</summary>
internal sealed record ProcessorLimits(int MaxOutstandingAsyncRequests, Action<string>? Log);
