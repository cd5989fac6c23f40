using System.Buffers;
using Conformance.Adapters.Security;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Sending;

/// <summary>
/// The send side of one connection (3.3.4.1): encodes responses into one packet (compounded,
/// 3.3.4.1.3), signs (3.3.4.1.1) or encrypts (3.3.4.1.4) them, sends a large READ's data from where it
/// is, and sends the messages the server starts itself. Sends are serialised; once the connection
/// is closing a send fails cleanly (false, or a <see cref="TransportException"/> for responses).
/// </summary>
public sealed class ConnectionSender(Connection connection, DirectTcpTransport transport, Action<Smb2Header>? responseTamper = null) : IServerInitiatedSender
{
    /// <summary>From this size on, READ data is sent from where it is rather than copied into the packet.</summary>
    private const int LargeReadData = 64 * 1024;

    private readonly SemaphoreSlim sendLock = new(1, 1);
    private volatile bool closed;

    /// <summary>Refuses every later send; called when the connection goes.</summary>
    public void Close() => closed = true;

    /// <summary>A message the server starts itself (2.2.23 break notifications, 2.2.44 notifications): unsigned, encrypted for <paramref name="encryptFor"/>.</summary>
    public async Task<bool> SendAsync(Smb2Message message, Session? encryptFor, CancellationToken cancellationToken = default)
    {
        if (closed)
        {
            return false;
        }
        var packet = Smb2Compound.Encode([message]);
        ReadOnlyMemory<byte> wire = packet;
        if (encryptFor?.EncryptionKey is { Length: > 0 } key && connection.IsSmb3 && connection.EffectiveCipher is { } cipher)
        {
            wire = MessageEncryption.Encrypt(cipher, key, encryptFor.SessionId, packet);
        }
        try
        {
            await SendFrameAsync(wire, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TransportException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Encodes and sends <paramref name="responses"/> as one packet (one compound, or one message).</summary>
    public async Task SendResponsesAsync(IReadOnlyList<OutgoingResponse> responses, CancellationToken cancellationToken)
    {
        try
        {
            await EncodeAndSendAsync(responses, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.OnSent?.Invoke();
            }
        }
    }

    private async Task EncodeAndSendAsync(IReadOnlyList<OutgoingResponse> responses, CancellationToken cancellationToken)
    {
        var encryptFor = responses.Select(response => ResponseProtection.EncryptionSession(connection, response)).FirstOrDefault(session => session is not null);
        var messages = new List<Smb2Message>(responses.Count);
        var signingKeys = new byte[]?[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            var response = responses[i];
            var request = response.Request;
            var header = new Smb2Header
            {
                Command = request.Command,
                Status = response.Status,
                CreditCharge = request.CreditCharge,
                CreditRequestResponse = response.Credits,
                Flags = Smb2HeaderFlags.ServerToRedir
                        | (response.Related ? Smb2HeaderFlags.RelatedOperations : 0)
                        | (response.AsyncId != 0 ? Smb2HeaderFlags.AsyncCommand : 0)
                        | (request.Flags & Smb2HeaderFlags.PriorityMask)
                        // A 3.x replay's response carries SMB2_FLAGS_REPLAY_OPERATION too, as Windows sends it (MS-SMB2 4.9).
                        | (connection.IsSmb3 ? request.Flags & Smb2HeaderFlags.ReplayOperation : 0),
                MessageId = request.MessageId,
                AsyncId = response.AsyncId,
                Reserved = request.Reserved,
                TreeId = response.TreeId,
                SessionId = response.SessionId,
            };
            if (encryptFor is null)
            {
                signingKeys[i] = ResponseProtection.SigningKey(connection, response);
                if (signingKeys[i] is not null)
                {
                    header.Flags |= Smb2HeaderFlags.Signed;
                }
            }
            responseTamper?.Invoke(header);
            messages.Add(new Smb2Message(header, response.Body));
        }
        if (responses.Count == 1 && encryptFor is null && signingKeys[0] is null && responses[0].OnEncoded is null
            && messages[0] is { Body: ReadResponse { Data.Length: >= LargeReadData } read, Padding: null, NextCommand: null, Patches.Count: 0 })
        {
            // A large READ's data goes out from the handler's buffer, behind its header and fixed part:
            // the same bytes as the encoded message, without copying a megabyte into a packet first.
            var head = Smb2Compound.Encode([new Smb2Message(messages[0].Header, new ReadResponse
            {
                StructureSize = read.StructureSize,
                Reserved = read.Reserved,
                DataRemaining = read.DataRemaining,
                Reserved2 = read.Reserved2,
                DataOffset = read.DataOffset,
                DataLength = read.DataLength ?? (uint)read.Data.Length,
            })]);
            await SendFrameAsync(head, read.Data, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Encoded into a pooled buffer, not a fresh one per response (a fresh megabyte per READ costs
        // more in page faults than the read): every user of it below is done with it when the send
        // completes (OnEncoded callbacks only hash or release, the transport copies or sends from it
        // and returns when the socket took it all, the recorder copies).
        var length = Smb2Compound.EncodedLength(messages);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var packet = rented.AsMemory(0, length);
            var ranges = new Range[messages.Count];
            Smb2Compound.EncodeTo(messages, packet.Span, ranges);
            for (var i = 0; i < responses.Count; i++)
            {
                if (signingKeys[i] is { } key)
                {
                    MessageSigner.Sign(connection.SigningAlgorithm, key, packet.Span[ranges[i]]);
                }
                responses[i].OnEncoded?.Invoke(packet[ranges[i]]);
            }
            ReadOnlyMemory<byte> wire = packet;
            if (encryptFor is not null)
            {
                wire = MessageEncryption.Encrypt(connection.EffectiveCipher!.Value, encryptFor.EncryptionKey!, encryptFor.SessionId, packet.Span);
            }
            await SendFrameAsync(wire, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async Task SendFrameAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (payload.IsEmpty)
            {
                await transport.SendAsync(head, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transport.SendAsync(head, payload, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            sendLock.Release();
        }
    }
}
