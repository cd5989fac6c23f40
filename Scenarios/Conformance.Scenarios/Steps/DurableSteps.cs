using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// Steps of the durable-reconnect scenarios: CREATEs asking for durability (DHnQ, DH2Q), a durable open
/// that must be granted, a connection lost as the network would lose it and seen lost by the server,
/// the same client back on a new connection and session, and the reconnect itself.
/// </summary>
public static class DurableSteps
{
    /// <summary>The DH2Q Timeout the scenarios ask for: long enough never to expire during one (60 s).</summary>
    public const uint LongTimeout = 60_000;

    /// <summary>A new file's CREATE asking a batch oplock and a DHnQ.</summary>
    public static CreateRequest V1(string path, OplockLevel oplock = OplockLevel.Batch, CreateDisposition disposition = CreateDisposition.FileCreate) =>
        With(OplockSteps.OpenRequest(path, oplock, disposition), new CreateDurableHandleRequest());

    /// <summary>A new file's CREATE asking a batch oplock and a DH2Q with <paramref name="createGuid"/>.</summary>
    public static CreateRequest V2(string path, Guid createGuid, uint timeout = LongTimeout, OplockLevel oplock = OplockLevel.Batch,
        CreateDisposition disposition = CreateDisposition.FileCreate, DurableHandleFlags flags = DurableHandleFlags.None) =>
        With(OplockSteps.OpenRequest(path, oplock, disposition), new CreateDurableHandleRequestV2 { CreateGuid = createGuid, Timeout = timeout, Flags = flags });

    /// <summary><paramref name="request"/> with <paramref name="contexts"/> added.</summary>
    public static CreateRequest With(CreateRequest request, params CreateContext[] contexts)
    {
        request.CreateContexts.AddRange(contexts);
        return request;
    }

    /// <summary>A durable open of <paramref name="request"/>; Inconclusive when the target makes it, but not durable (the step before the behaviour under test).</summary>
    public static async Task<Open> DurableOpenAsync(ScenarioContext context, Smb2Client client, CreateRequest request)
    {
        var open = await OplockSteps.OpenAsync(context, client, request);
        if (!open.Durable)
        {
            throw new ScenarioInconclusiveException($"needs a durable open; {context.Target.Name} answered the CREATE of {request.Name} without a durable handle response " +
                $"(OplockLevel {open.OplockLevel}; Samba needs 'durable handles = yes', 'kernel oplocks = no', 'kernel share modes = no', 'posix locking = no')");
        }
        return open;
    }

    /// <summary>
    /// Loses <paramref name="client"/>'s connection and makes sure the server saw it go: a second
    /// NEGOTIATE, which 3.3.5.4 answers by dropping the connection, as a network failure would (no
    /// LOGOFF, no TREE_DISCONNECT, no CLOSE). 3.3.7.1 then runs before the connection closes.
    /// </summary>
    public static Task DisconnectAsync(ScenarioContext context, Smb2Client client) => DisconnectAsync(context, client.Connection);

    /// <summary><see cref="DisconnectAsync(ScenarioContext, Smb2Client)"/> for one connection (a channel of a session).</summary>
    public static async Task DisconnectAsync(ScenarioContext context, Connection connection)
    {
        var request = new Smb2Request(connection.Build(new NegotiateRequest { Dialects = [connection.Dialect ?? Dialect.Smb202] }));
        try
        {
            await connection.SendAsync([request], context.CancellationToken);
            throw new ScenarioInconclusiveException($"{context.Target.Name} answered a second NEGOTIATE instead of dropping the connection (3.3.5.4): the suite cannot make it lose the connection at once");
        }
        catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
        {
            // The connection is gone, as the step wants.
        }
    }

    /// <summary>
    /// <paramref name="client"/>'s client (the same ClientGuid) back on a new connection at the same
    /// dialect, with a new session (of <paramref name="credential"/>, the target's user by default) and tree.
    /// </summary>
    public static async Task<Smb2Client> SameClientAsync(ScenarioContext context, Smb2Client client, NtlmCredential? credential = null)
    {
        var again = await Smb2ClientFactory.ConnectAsync(context.Target.Host, context.Target.Port, credential ?? TargetProbe.Credential(context.Target),
            new Smb2ClientOptions
            {
                Client = client.Client,
                Connection = context.ConnectionOptions,
                Negotiate = new NegotiateOptions { Dialects = [client.Connection.Dialect!.Value] },
                ShareName = context.Target.Share,
            }, context.CancellationToken);
        context.Track(again.Connection);
        return again;
    }

    /// <summary>The target's second account; Inconclusive when the run names none (SMB_TARGET_OTHER_USER).</summary>
    public static NtlmCredential OtherUser(ScenarioContext context) =>
        context.Target is { OtherUser: { } user, OtherPassword: { } password }
            ? new NtlmCredential(context.Target.Domain, user, password)
            : throw new ScenarioInconclusiveException("needs a second account of the target (SMB_TARGET_OTHER_USER and SMB_TARGET_OTHER_PASSWORD)");

    /// <summary>The reconnect of <paramref name="open"/> on <paramref name="by"/>'s tree (3.2.4.4), optionally adjusted.</summary>
    public static Task<CreateResult> ReconnectAsync(ScenarioContext context, Smb2Client by, Open open, ReconnectKind kind, Action<CreateRequest>? adjust = null) =>
        by.Connection.ReconnectAsync(open, by.Tree, kind, adjust, context.CancellationToken);

    /// <summary>A logged-on client at a 3.x dialect (DH2Q and DH2C are 3.x only), or at <paramref name="dialect"/>.</summary>
    public static Task<Smb2Client> ClientAsync(ScenarioContext context, Dialect? dialect = null) =>
        SessionSteps.LogOnAsync(context, SessionSteps.Only(context, dialect ?? OplockSteps.Smb3Dialect(context)));

    /// <summary>NETWORK_RESILIENCY_REQUEST (2.2.31.3): Timeout in milliseconds, 4 reserved bytes.</summary>
    public static byte[] NetworkResiliency(uint timeout)
    {
        var input = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(input, timeout);
        return input;
    }

    /// <summary>FSCTL_LMR_REQUEST_RESILIENCY (3.3.5.15.9) on <paramref name="open"/> with <paramref name="input"/>.</summary>
    public static Task<Smb2Response<IoctlResponse>> RequestResiliencyAsync(ScenarioContext context, Smb2Client client, Open open, byte[] input) =>
        client.Connection.IoctlAsync(client.Tree, new IoctlRequest { CtlCode = FsctlCode.LmrRequestResiliency, FileId = open.FileId, Flags = IoctlFlags.IsFsctl, Input = input }, cancellationToken: context.CancellationToken);
}
