using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>
/// Encrypted requests as the checks of 3.3.5.2 see them: decrypted before anything else, never
/// signature-checked afterwards (3.3.5.2.4), and the 3.0.x transform checks of 3.3.5.2.1 whose error
/// statuses the current MS-SMB2 (3.3.5.2.1.1) turned into disconnects.
/// </summary>
public static class MessageValidationEncryptionScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2", "3.3.5.2.4", Requirements = ["3.3.5.2#01", "3.3.5.2.4#01", "3.3.5.2.4#N01"],
        Title = "An encrypted CREATE flagged SMB2_FLAGS_SIGNED with a wrong signature is decrypted and processed: no signature check after decryption")]
    public static async Task EncryptedRequestSkipsSignatureVerification(ScenarioContext context)
    {
        var client = await SessionSteps.EncryptingClientAsync(context);
        var connection = client.Connection;
        var path = context.ScratchPath("encrypted-bad-signature");
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection,
            RequestSteps.Request(client, FileSteps.NewFile(path), RequestSigning.FalsifySignature, RequestEncryption.Encrypt));
        if (response is null)
        {
            context.Fail("3.3.5.2.4", "3.3.5.2.4#01, 3.3.5.2.4#N01", "encrypted CREATE whose inner header has SMB2_FLAGS_SIGNED and a wrong signature",
                "processed: the signature is not verified once the TRANSFORM_HEADER authenticated the message", "the connection was closed");
        }
        context.CheckTrue("3.3.5.2", "3.3.5.2#01", "the response to the encrypted CREATE", response!.WasEncrypted, "an encrypted response (the request was decrypted)", "sent in clear");
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#01, 3.3.5.2.4#N01", "encrypted CREATE whose inner header has SMB2_FLAGS_SIGNED and a wrong signature", NtStatus.Success, response.Status);
        var created = Smb2Response<CreateResponse>.From(response);
        if (created.Body is { } body)
        {
            await connection.CloseAsync(new Open(client.Tree, connection, body.FileId, path), cancellationToken: context.CancellationToken);
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#02"], Title = "3.0.x: a frame of only a TRANSFORM_HEADER is refused (STATUS_BUFFER_OVERFLOW, or the disconnect of the current MS-SMB2)")]
    public static async Task BareTransformHeaderIsRefusedAt30x(ScenarioContext context)
    {
        var client = await Smb30xEncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, TransformHeader.Encrypted, (uint)message.Length);
        await ExpectRefusedAsync(context, "3.3.5.2.1#02", "a 52-byte frame holding only a TRANSFORM_HEADER", connection, frame[..TransformHeader.Size], NtStatus.BufferOverflow);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#04"], Title = "3.0.x: a TRANSFORM_HEADER with EncryptionAlgorithm 0x0002 (none of EncryptionAlgorithmList) is refused (STATUS_INVALID_PARAMETER, or a disconnect)")]
    public static async Task UnknownEncryptionAlgorithmIsRefusedAt30x(ScenarioContext context)
    {
        var client = await Smb30xEncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, client.Session.SessionId, message, 0x0002, (uint)message.Length);
        await ExpectRefusedAsync(context, "3.3.5.2.1#04", "an encrypted ECHO whose TRANSFORM_HEADER EncryptionAlgorithm is 0x0002", connection, frame, NtStatus.InvalidParameter);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.1", Requirements = ["3.3.5.2.1#06"], Title = "3.0.x: a TRANSFORM_HEADER naming an unknown SessionId is refused (STATUS_USER_SESSION_DELETED, or a disconnect)")]
    public static async Task UnknownTransformSessionIsRefusedAt30x(ScenarioContext context)
    {
        var client = await Smb30xEncryptingClientAsync(context);
        var connection = client.Connection;
        var message = RequestSteps.EncodeWithNextMessageId(connection, connection.Build(new EchoRequest(), client.Session));
        var unknown = client.Session.SessionId ^ 0x0000_7E57_0000_0000UL;
        var frame = RequestSteps.Transform(connection.TransformCipher!.Value, client.Session.EncryptionKey!, unknown, message, TransformHeader.Encrypted, (uint)message.Length);
        await ExpectRefusedAsync(context, "3.3.5.2.1#06", $"an encrypted ECHO whose TRANSFORM_HEADER names SessionId 0x{unknown:X16}", connection, frame, NtStatus.UserSessionDeleted);
    }

    /// <summary>A 3.0 or 3.0.2 connection with encryption and a session holding an EncryptionKey (the dialects whose 3.3.5.2.1 names error statuses).</summary>
    private static async Task<Smb2Client> Smb30xEncryptingClientAsync(ScenarioContext context)
    {
        var dialects = context.Capabilities.Dialects
            .Where(dialect => dialect is Dialect.Smb300 or Dialect.Smb302 && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.Encryption) != 0)
            .ToList();
        if (dialects.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} offers encryption at neither 3.0 nor 3.0.2");
        }
        var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialects.Max()] });
        if (client.Connection.TransformCipher is null || client.Session.EncryptionKey is not { Length: > 0 })
        {
            throw new ScenarioInconclusiveException("the 3.0.x session has no EncryptionKey");
        }
        return client;
    }

    /// <summary>
    /// 3.0.2's 3.3.5.2.1 fails the request with <paramref name="status"/>; the current MS-SMB2 3.3.5.2.1.1
    /// disconnects instead. Either refuses the frame; an answer with another status, or silence, does not.
    /// </summary>
    private static async Task ExpectRefusedAsync(ScenarioContext context, string requirement, string subject, Connection connection, byte[] frame, uint status)
    {
        var expected = $"{NtStatus.Describe(status)} (3.0.2 text) or a disconnect (current MS-SMB2 3.3.5.2.1.1)";
        await connection.SendRawAsync(frame, cancellationToken: context.CancellationToken);
        ReadOnlyMemory<byte> answer;
        try
        {
            answer = await connection.ReceiveRawAsync(context.ConnectionOptions.ResponseTimeout, context.CancellationToken);
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            context.Observe($"{subject}: the server disconnected (current MS-SMB2 3.3.5.2.1.1)");
            return;
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.RawReceiveTimeout)
        {
            context.Fail("3.3.5.2.1", requirement, subject, expected, $"the connection stayed open and silent ({e.Message})");
            return;
        }
        var slices = Smb2Compound.Split(answer);
        if (!slices.IsSuccess)
        {
            context.Fail("3.3.5.2.1", requirement, subject, expected, $"an answer that is no SMB2 message: {Connection.DescribeFrame(answer)}");
            return;
        }
        context.Observe($"{subject}: answered {NtStatus.Describe(slices.Value[0].Header.Status)}");
        context.CheckStatus("3.3.5.2.1", requirement, subject, status, slices.Value[0].Header.Status);
    }
}
