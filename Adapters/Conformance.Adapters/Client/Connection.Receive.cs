using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>The receive side of the connection: 3.2.5.1 Receiving Any Message.</summary>
public sealed partial class Connection
{
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> frame;
                try
                {
                    frame = await Transport.ReceiveAsync(ReceivePoll).ConfigureAwait(false);
                }
                catch (TransportException e) when (e.Kind == TransportErrorKind.ReceiveTimeout)
                {
                    continue;
                }
                Dispatch(frame);
            }
        }
        catch (TransportException e)
        {
            Lose(e.Kind == TransportErrorKind.ClosedLocally
                ? $"the connection {Transport.Connection} was closed by this side"
                : $"the connection to {Transport.RemoteEndPoint} ended: {e.Message}", e);
        }
#pragma warning disable CA1031 // the loop must end every waiter, whatever went wrong
        catch (Exception e)
#pragma warning restore CA1031
        {
            Lose($"the receive loop failed: {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>One frame: decrypt (3.2.5.1.1), split (3.2.5.1.9), then each message in order.</summary>
    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        var receivedAt = DateTime.UtcNow;
        var packet = frame;
        var encrypted = false;
        if (frame.Length >= 4 && frame.Span.U32(0) == TransformProtocolId)
        {
            var decrypted = Decrypt(frame);
            if (decrypted is null)
            {
                Unclaimed(frame);
                return;
            }
            packet = decrypted.Value;
            encrypted = true;
        }
        var split = Smb2Compound.Split(packet);
        if (!split.IsSuccess)
        {
            Fault($"a {packet.Length}-byte frame is not a valid SMB2 message or compound: {split.Error}");
            Unclaimed(frame);
            return;
        }
        var claimed = false;
        foreach (var slice in split.Value)
        {
            claimed |= Deliver(new Smb2Response(slice, encrypted, SignatureVerdict.NotApplicable, receivedAt));
        }
        if (!claimed)
        {
            Unclaimed(frame);
        }
    }

    /// <summary>3.2.5.1.2 to 3.2.5.1.5 for one message; true when a request or a notification queue took it.</summary>
    private bool Deliver(Smb2Response response)
    {
        var header = response.Header;
        if (header.Command == Smb2Command.ServerToClientNotification)
        {
            DeliverNotification(response);
            return true;
        }
        if (header.MessageId == UnsolicitedMessageId)
        {
            if (header.Command != Smb2Command.OplockBreak)
            {
                Fault($"a {header.Command} message with MessageId 0xFFFFFFFFFFFFFFFF, which only OPLOCK_BREAK may carry (3.2.5.1.2)");
                return false;
            }
            DeliverBreak(response);
            return true;
        }
        if (!response.WasEncrypted)
        {
            response.Signature = VerifySignature(response);
        }
        // 3.2.5.1.4. Credits of an unmatched response are granted too: a scenario mixing raw and
        // managed sends keeps a consistent window that way.
        SequenceWindow.Grant(header.CreditRequestResponse);
        if (!OutstandingRequests.TryGetValue(header.MessageId, out var pending))
        {
            Fault($"a {header.Command} response with MessageId {header.MessageId} that no outstanding request has");
            return false;
        }
        if (header.Command != pending.Command)
        {
            Fault($"the response with MessageId {header.MessageId} is {header.Command}, the request was {pending.Command} (3.2.5.1.8)");
        }
        if (response.IsInterim)
        {
            pending.AddInterim(response);
            return true;
        }
        OutstandingRequests.TryRemove(new KeyValuePair<ulong, PendingRequest>(header.MessageId, pending));
        try
        {
            // The client state the response changes is in place before the next message (a break, say) is handled.
            pending.OnResponse?.Invoke(response);
        }
#pragma warning disable CA1031 // whatever the state update threw goes to the request's waiter, not the receive loop
        catch (Exception e)
#pragma warning restore CA1031
        {
            pending.Fail(e);
            return true;
        }
        pending.Complete(response);
        return true;
    }

    private void Unclaimed(ReadOnlyMemory<byte> frame) => unclaimed.Writer.TryWrite(frame);

    private void Fault(string what)
    {
        lock (receiveFaults)
        {
            receiveFaults.Add($"{DateTime.UtcNow:HH:mm:ss.ffffff}Z {what}");
        }
    }

    /// <summary>The connection is gone: every outstanding request fails now, naming itself and the reason.</summary>
    private void Lose(string reason, Exception cause)
    {
        var error = Error(ClientErrorKind.ConnectionLost, reason, cause);
        if (Interlocked.CompareExchange(ref lost, error, null) is not null)
        {
            return;
        }
        notifications.Writer.TryComplete(error);
        unclaimed.Writer.TryComplete(error);
        foreach (var (messageId, pending) in OutstandingRequests)
        {
            if (OutstandingRequests.TryRemove(messageId, out _))
            {
                pending.Fail(new Smb2ClientException(ClientErrorKind.ConnectionLost,
                    $"{pending.Describe()} got no response: {reason}", error.Exchange, cause));
            }
        }
        // 3.2.7.1 would take the opens out of Session.OpenTable and File.OpenTable; here they stay as they
        // are, with the time of the disconnect, for a scenario to reestablish (any of them, durable or not).
        var now = DateTime.UtcNow;
        foreach (var open in SessionTable.Values.SelectMany(session => session.OpenTable.Values).Where(open => ReferenceEquals(open.Connection, this)))
        {
            open.LastDisconnectTime = now;
        }
        Client.Lost(this, error);
    }
}
