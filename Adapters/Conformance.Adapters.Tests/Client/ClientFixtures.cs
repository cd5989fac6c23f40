using System.Security.Cryptography;
using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Tests.Client;

/// <summary>Hand-built server notifications and a session state set up without SESSION_SETUP, for the client-global tests.</summary>
internal static class ClientFixtures
{
    public const LeaseState R = LeaseState.ReadCaching;
    public const LeaseState RH = LeaseState.ReadCaching | LeaseState.HandleCaching;
    public const LeaseState RWH = LeaseState.ReadCaching | LeaseState.WriteCaching | LeaseState.HandleCaching;

    /// <summary>
    /// An Oplock Break Notification (2.2.23.1) written byte by byte: StructureSize 24, OplockLevel,
    /// Reserved, Reserved2, FileId (Persistent, Volatile), behind a header with MessageId 0xFFFFFFFFFFFFFFFF.
    /// </summary>
    public static byte[] OplockBreak(FileId fileId, OplockLevel level, ulong sessionId = 0)
    {
        var body = new byte[24];
        body.AsSpan().U16(0, 24);
        body[2] = (byte)level;
        body.AsSpan().U64(8, fileId.Persistent);
        body.AsSpan().U64(16, fileId.Volatile);
        return Notification(body, sessionId);
    }

    /// <summary>
    /// A Lease Break Notification (2.2.23.2) written byte by byte: StructureSize 44, NewEpoch, Flags,
    /// LeaseKey, CurrentLeaseState, NewLeaseState, BreakReason, AccessMaskHint, ShareMaskHint.
    /// </summary>
    public static byte[] LeaseBreak(Guid leaseKey, LeaseState current, LeaseState next, ushort newEpoch = 0, bool ackRequired = true, ulong sessionId = 0)
    {
        var body = new byte[44];
        body.AsSpan().U16(0, 44);
        body.AsSpan().U16(2, newEpoch);
        body.AsSpan().U32(4, ackRequired ? 1u : 0u);
        leaseKey.ToByteArray().CopyTo(body, 8);
        body.AsSpan().U32(24, (uint)current);
        body.AsSpan().U32(28, (uint)next);
        return Notification(body, sessionId);
    }

    /// <summary>An OPLOCK_BREAK notification header (SERVER_TO_REDIR, MessageId all ones) before <paramref name="body"/>, taken as given.</summary>
    public static byte[] Notification(byte[] body, ulong sessionId = 0)
    {
        var header = new Smb2Header { Command = Smb2Command.OplockBreak, MessageId = ulong.MaxValue, Flags = Smb2HeaderFlags.ServerToRedir, SessionId = sessionId };
        return new Smb2Message(header, new RawBody(Smb2Command.OplockBreak, body)).Encode();
    }

    /// <summary>Sets SMB2_FLAGS_SIGNED and the HMAC-SHA256 signature of 3.1.4.1 (SMB 2.x), computed here independently of the client.</summary>
    public static byte[] HmacSigned(byte[] key, byte[] message)
    {
        message.AsSpan().U32(16, message.AsSpan().U32(16) | (uint)Smb2HeaderFlags.Signed);
        message.AsSpan(48, 16).Clear();
        HMACSHA256.HashData(key, message).AsSpan(0, 16).CopyTo(message.AsSpan(48));
        return message;
    }

    /// <summary>A session and a tree connect placed in <paramref name="connection"/>'s tables, as SESSION_SETUP and TREE_CONNECT would leave them.</summary>
    public static TreeConnect Establish(Connection connection, Dialect dialect, ulong sessionId, uint treeId, byte[]? sessionKey = null)
    {
        connection.Dialect = dialect;
        var session = new Session(connection, sessionId) { SessionKey = sessionKey };
        connection.SessionTable[sessionId] = session;
        var tree = new TreeConnect(session, treeId, "share");
        session.TreeConnectTable[treeId] = tree;
        return tree;
    }

    /// <summary>A CREATE Response to <paramref name="request"/> with <paramref name="fileId"/> and the given response contexts.</summary>
    public static byte[] Created(Smb2Header request, FileId fileId, OplockLevel oplockLevel, params CreateContext[] contexts) =>
        Smb2Message.For(new CreateResponse { FileId = fileId, OplockLevel = oplockLevel, CreateAction = CreateAction.FileOpened, CreateContexts = [.. contexts] },
            ScriptedServer.ResponseHeader(request)).Encode();

    public static CreateRequest LeasedCreate(string name, Guid leaseKey, LeaseState state, int version) => new()
    {
        Name = name,
        RequestedOplockLevel = OplockLevel.Lease,
        DesiredAccess = AccessMask.GenericRead,
        ShareAccess = ShareAccess.FileShareRead,
        CreateDisposition = CreateDisposition.FileOpenIf,
        CreateContexts = version == 2
            ? [new CreateRequestLeaseV2 { LeaseKey = leaseKey, LeaseState = state }]
            : [new CreateRequestLease { LeaseKey = leaseKey, LeaseState = state }],
    };

    /// <summary>Answers each of <paramref name="responses"/> in turn to the next request, checking nothing.</summary>
    public static Func<DirectTcpTransport, CancellationToken, Task> Answering(params Func<Smb2Header, byte[]>[] responses) => async (peer, token) =>
    {
        foreach (var respond in responses)
        {
            var request = (await ScriptedServer.ReceiveRequestsAsync(peer, token))[0].Header;
            await peer.SendAsync(respond(request), token);
        }
        await Task.Delay(Timeout.Infinite, token);
    };
}
