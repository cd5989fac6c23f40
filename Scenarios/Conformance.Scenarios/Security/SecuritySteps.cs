using System.Buffers.Binary;
using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Security;

/// <summary>Steps the session, signing, encryption, sequencing and compounding scenarios share.</summary>
internal static class SecuritySteps
{
    public const AccessMask ReadWriteDelete = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete;

    /// <summary>A fresh connection that negotiated (exactly <paramref name="dialects"/>, or everything up to the target's highest); nothing else.</summary>
    public static async Task<Connection> NegotiatedAsync(ScenarioContext context, NegotiateOptions? negotiate = null)
    {
        var connection = await context.ConnectAsync();
        var response = await connection.NegotiateAsync(negotiate ?? new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }, context.CancellationToken);
        if (!response.IsSuccess || connection.Dialect is null)
        {
            throw new ScenarioInconclusiveException($"NEGOTIATE failed ({NtStatus.Describe(response.Status)}): the step before the behaviour under test");
        }
        return connection;
    }

    /// <summary>Connected, negotiated, logged on with <paramref name="setup"/> and connected to <paramref name="share"/> (the target's share by default).</summary>
    public static async Task<Smb2Client> LogOnAsync(ScenarioContext context, NegotiateOptions negotiate, SessionSetupOptions? setup = null, string? share = null)
    {
        var client = await Smb2ClientFactory.ConnectAsync(context.Target.Host, context.Target.Port, TargetProbe.Credential(context.Target),
            new Smb2ClientOptions { Connection = context.ConnectionOptions, Negotiate = negotiate, SessionSetup = setup ?? new SessionSetupOptions(), ShareName = share ?? context.Target.Share },
            context.CancellationToken);
        Track(context, client.Connection);
        return client;
    }

    /// <summary>Negotiates only <paramref name="dialect"/> (inconclusive when the target lacks it).</summary>
    public static NegotiateOptions Only(ScenarioContext context, Dialect dialect)
    {
        context.RequireDialect(dialect);
        return new NegotiateOptions { Dialects = [dialect] };
    }

    /// <summary>A new file in the scratch directory, deleted when closed.</summary>
    public static async Task<Open> CreateScratchFileAsync(ScenarioContext context, Smb2Client client, string name)
    {
        var created = await client.Connection.CreateAsync(client.Tree, NewFile(context.ScratchPath(name)), context.CancellationToken);
        context.CheckStatus("3.3.5.9", null, $"CREATE of a scratch file ({name})", NtStatus.Success, created.Status);
        return created.Open!;
    }

    public static CreateRequest NewFile(string path) => new()
    {
        Name = path,
        DesiredAccess = ReadWriteDelete,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileCreate,
        CreateOptions = CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose,
        FileAttributes = FileAttributes.Normal,
    };

    public static CreateRequest OpenExisting(string path) => new()
    {
        Name = path,
        DesiredAccess = AccessMask.FileReadAttributes | AccessMask.Synchronize,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = CreateDisposition.FileOpen,
    };

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

    /// <summary>A 3.x connection with a cipher and a session holding an EncryptionKey; inconclusive when the target encrypts nothing.</summary>
    public static async Task<Smb2Client> EncryptingClientAsync(ScenarioContext context)
    {
        var negotiate = context.Capabilities.Dialects.Contains(Dialect.Smb311) && context.Capabilities.Ciphers.Count > 0
            ? new NegotiateOptions { Dialects = [Dialect.Smb311] }
            : context.Capabilities.Dialects.Any(dialect => dialect is Dialect.Smb300 or Dialect.Smb302 && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.Encryption) != 0)
                ? new NegotiateOptions { Dialects = [context.Capabilities.Dialects.Where(dialect => dialect is Dialect.Smb300 or Dialect.Smb302).Max()] }
                : throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates no cipher at any 3.x dialect");
        var client = await LogOnAsync(context, negotiate);
        if (client.Connection.TransformCipher is null || client.Session.EncryptionKey is not { Length: > 0 })
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} agreed no cipher for this connection, or the session has no EncryptionKey");
        }
        return client;
    }

    /// <summary>Adds a connection made outside <see cref="ScenarioContext"/> to what a failure dumps.</summary>
    private static void Track(ScenarioContext context, Connection connection) => context.Track(connection);
}
