using System.Buffers.Binary;
using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios.Steps;

/// <summary>Requests as a scenario builds them: one of a client's session and tree, sent and read as a body, sent where a disconnect may answer, or encoded by hand (raw, or in a TRANSFORM_HEADER of its own).</summary>
public static class RequestSteps
{
    /// <summary>A request of <paramref name="client"/>'s session and tree for <paramref name="body"/>.</summary>
    public static Smb2Request Request(Smb2Client client, IMessageBody body, RequestSigning signing = RequestSigning.Auto, RequestEncryption encryption = RequestEncryption.Auto, ulong? messageId = null, ushort? creditCharge = null, ushort? creditRequest = null) =>
        new(client.Connection.Build(body, client.Session, client.TreeConnect))
        {
            Session = client.Session,
            TreeConnect = client.TreeConnect,
            Signing = signing,
            Encryption = encryption,
            MessageId = messageId,
            CreditCharge = creditCharge,
            CreditRequest = creditRequest,
        };

    /// <summary>Sends one request and reads its final response as <typeparamref name="TBody"/>.</summary>
    public static async Task<Smb2Response<TBody>> SendAsync<TBody>(ScenarioContext context, Connection connection, Smb2Request request) where TBody : class, IMessageBody<TBody> =>
        Smb2Response<TBody>.From(await connection.SendOneAsync(request, context.CancellationToken));

    /// <summary>
    /// Sends <paramref name="request"/> where the server may answer with an error or disconnect (a MAY
    /// of the spec): returns the response, or null when the connection was closed.
    /// </summary>
    public static async Task<Smb2Response?> SendOrDisconnectAsync(ScenarioContext context, Connection connection, Smb2Request request)
    {
        try
        {
            return await connection.SendOneAsync(request, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            return null;
        }
    }

    /// <summary>
    /// An ECHO charged 2 credits at the last MessageId granted: with multi-credit its second id lies beyond
    /// the window (3.3.5.2.3); without, CreditCharge is ignored and the one id is valid. Returns the id
    /// used and the response, or null when the server closed the connection.
    /// </summary>
    public static async Task<(ulong MessageId, Smb2Response? Response)> SendChargedAtWindowEndAsync(ScenarioContext context, Connection connection, Session session)
    {
        var last = connection.SequenceWindow.NextGranted - 1;
        if (!connection.SequenceWindow.Contains(last))
        {
            throw new ScenarioInconclusiveException($"the last MessageId granted, {last}, is already used (window {connection.SequenceWindow})");
        }
        var response = await SendOrDisconnectAsync(context, connection, new Smb2Request(connection.Build(new EchoRequest(), session)) { MessageId = last, CreditCharge = 2 });
        return (last, response);
    }

    /// <summary>On a connection without multi-credit: the ECHO of <see cref="SendChargedAtWindowEndAsync"/> is processed, its CreditCharge ignored.</summary>
    public static async Task ExpectChargeIgnoredAsync(ScenarioContext context, string clause, string requirement, Connection connection, Session session, string what)
    {
        var (messageId, response) = await SendChargedAtWindowEndAsync(context, connection, session);
        var subject = $"on {what}, an ECHO with CreditCharge 2 at MessageId {messageId}, the last granted";
        if (response is null)
        {
            context.Fail(clause, requirement, subject, "STATUS_SUCCESS (without multi-credit the charge is ignored: one id is used)", "the server closed the connection");
        }
        context.CheckStatus(clause, requirement, subject, NtStatus.Success, response.Status);
    }

    /// <summary>Sends <paramref name="frame"/> as it is (behind the Direct TCP header) and expects the server to close the connection without answering.</summary>
    public static async Task ExpectRawDisconnectAsync(ScenarioContext context, string clause, string requirement, string subject, Connection connection, ReadOnlyMemory<byte> frame)
    {
        await connection.SendRawAsync(frame, cancellationToken: context.CancellationToken);
        try
        {
            var answer = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"a response: {Connection.DescribeFrame(answer)}");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The disconnect the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.RawReceiveTimeout)
        {
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"the connection stayed open and silent ({e.Message})");
        }
    }

    /// <summary>
    /// An encoded request with its MessageId taken from the connection's window (so the id is valid),
    /// for scenarios that send it raw or wrapped in a TRANSFORM_HEADER of their own.
    /// </summary>
    public static byte[] EncodeWithNextMessageId(Connection connection, Smb2Message message)
    {
        if (!connection.SequenceWindow.TryTake(1, out var messageId))
        {
            throw new ScenarioInconclusiveException($"the client holds no credit to send a raw request (window {connection.SequenceWindow})");
        }
        message.Header.MessageId = messageId;
        message.Header.CreditRequestResponse = 1;
        message.Header.CreditCharge = connection.SupportsMultiCredit ? (ushort)1 : (ushort)0;
        return message.Encode();
    }

    /// <summary>
    /// A TRANSFORM_HEADER frame built here rather than by the client, so a scenario can set Flags and
    /// OriginalMessageSize to what no client sends while the AEAD tag still authenticates them (3.1.4.3).
    /// </summary>
    public static byte[] Transform(Cipher cipher, byte[] key, ulong sessionId, ReadOnlySpan<byte> message, ushort flags, uint originalMessageSize)
    {
        var frame = new byte[TransformHeader.Size + message.Length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, TransformHeader.TransformProtocolId);
        var nonce = span.Slice(TransformHeader.NonceOffset, cipher.NonceSize());
        RandomNumberGenerator.Fill(nonce);
        BinaryPrimitives.WriteUInt32LittleEndian(span[36..], originalMessageSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[42..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(span[44..], sessionId);
        var associatedData = span.Slice(TransformHeader.AssociatedDataOffset, TransformHeader.AssociatedDataLength);
        var tag = span.Slice(TransformHeader.SignatureOffset, TransformHeader.SignatureLength);
        var ciphertext = span[TransformHeader.Size..];
        if (cipher.IsGcm())
        {
            using var gcm = new AesGcm(key, TransformHeader.SignatureLength);
            gcm.Encrypt(nonce, message, ciphertext, tag, associatedData);
        }
        else
        {
            using var ccm = new AesCcm(key);
            ccm.Encrypt(nonce, message, ciphertext, tag, associatedData);
        }
        return frame;
    }

    /// <summary>Sends <paramref name="request"/> and expects the server to close the connection without answering.</summary>
    public static async Task ExpectDisconnectAsync(ScenarioContext context, string clause, string? requirement, string subject, Connection connection, Smb2Request request)
    {
        try
        {
            var responses = await connection.SendAsync([request], context.CancellationToken);
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"a response: {responses[0]}");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The disconnect the clause demands.
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout)
        {
            context.Fail(clause, requirement, subject, "the server disconnects without a response", $"the connection stayed open and silent ({e.Message})");
        }
    }
}
