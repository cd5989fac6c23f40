using System.Buffers.Binary;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// A session the fuzzer's frames run in: negotiated, logged on and connected to a share by our
/// client, with a directory and a file of its own open. <see cref="Bind"/> makes a seed belong to
/// it (its SessionId, TreeId, FileIds, fresh MessageIds from the connection's credits, no
/// signature), so mutations start from a request the server would accept.
/// </summary>
public sealed class LiveSession : IAsyncDisposable
{
    private const ShareAccess ShareAll = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete;

    private LiveSession(Smb2Client client, Open directory, Open file)
    {
        Client = client;
        Directory = directory;
        File = file;
    }

    public Smb2Client Client { get; }
    public Connection Connection => Client.Connection;
    public Open Directory { get; }
    public Open File { get; }

    /// <summary>"address:port" of this side, as the server's fault record names the client.</summary>
    public string LocalEndPoint => Connection.Transport.LocalEndPoint;

    /// <summary>True when the share requires encryption: the session's frames go out in a TRANSFORM_HEADER.</summary>
    public bool Encrypts => Client.Tree.EncryptData || Client.Session.EncryptData;

    public static async Task<LiveSession> StartAsync(int port, NtlmCredential credential, string share, ConnectionOptions options, CancellationToken cancellationToken)
    {
        var client = await Smb2ClientFactory.ConnectAsync("127.0.0.1", port, credential, new Smb2ClientOptions { Connection = options, ShareName = share }, cancellationToken);
        try
        {
            var name = $"fuzz-{Guid.NewGuid():N}";
            var directory = await OpenAsync(client, new CreateRequest
            {
                Name = name,
                DesiredAccess = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete,
                ShareAccess = ShareAll,
                CreateDisposition = CreateDisposition.FileOpenIf,
                CreateOptions = CreateOptions.FileDirectoryFile | CreateOptions.FileDeleteOnClose,
                FileAttributes = FileAttributes.Directory,
            }, cancellationToken);
            var file = await OpenAsync(client, new CreateRequest
            {
                Name = $"{name}\\file.bin",
                DesiredAccess = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete,
                ShareAccess = ShareAll,
                CreateDisposition = CreateDisposition.FileOverwriteIf,
                CreateOptions = CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose,
                FileAttributes = FileAttributes.Normal,
            }, cancellationToken);
            return new LiveSession(client, directory, file);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A copy of <paramref name="seed"/> bound to this session: every message gets this session's
    /// SessionId, the tree's TreeId (where the seed named a tree), the file's or directory's FileId
    /// (where the seed named an open other than "the previous one"), no signature, and MessageIds
    /// taken from the credits granted so far. Null when the credits have run out.
    /// </summary>
    public byte[]? Bind(byte[] seed)
    {
        var packet = (byte[])seed.Clone();
        foreach (var start in RequestLayout.MessageStarts(packet))
        {
            var message = packet.AsSpan(start);
            var command = RequestLayout.Command(packet, start);
            var flags = BinaryPrimitives.ReadUInt32LittleEndian(message[RequestLayout.FlagsOffset..]) & ~(uint)Smb2HeaderFlags.Signed;
            BinaryPrimitives.WriteUInt32LittleEndian(message[RequestLayout.FlagsOffset..], flags);
            message.Slice(RequestLayout.SignatureOffset, Smb2Header.SignatureLength).Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(message[RequestLayout.SessionIdOffset..], Client.Session.SessionId);
            if ((flags & (uint)Smb2HeaderFlags.AsyncCommand) == 0 && BinaryPrimitives.ReadUInt32LittleEndian(message[RequestLayout.TreeIdOffset..]) != 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(message[RequestLayout.TreeIdOffset..], Client.Tree.TreeConnectId);
            }
            if (RequestLayout.FileIdOffset(command) is { } fileIdOffset && message.Length >= Smb2Header.Size + fileIdOffset + FileId.Size)
            {
                var at = message[(Smb2Header.Size + fileIdOffset)..];
                if (BinaryPrimitives.ReadUInt64LittleEndian(at) != ulong.MaxValue || BinaryPrimitives.ReadUInt64LittleEndian(at[8..]) != ulong.MaxValue)
                {
                    (command is Smb2Command.QueryDirectory or Smb2Command.ChangeNotify ? Directory : File).FileId.WriteTo(at);
                }
            }
            var charge = Math.Max((ushort)1, BinaryPrimitives.ReadUInt16LittleEndian(message[RequestLayout.CreditChargeOffset..]));
            if (!Connection.SequenceWindow.TryTake(charge, out var messageId))
            {
                if (!Connection.SequenceWindow.TryTake(1, out messageId))
                {
                    return null;
                }
                BinaryPrimitives.WriteUInt16LittleEndian(message[RequestLayout.CreditChargeOffset..], 1);
            }
            BinaryPrimitives.WriteUInt64LittleEndian(message[RequestLayout.MessageIdOffset..], messageId);
            if (BinaryPrimitives.ReadUInt16LittleEndian(message[RequestLayout.CreditRequestOffset..]) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(message[RequestLayout.CreditRequestOffset..], 1);
            }
        }
        return packet;
    }

    /// <summary>The packet in a TRANSFORM_HEADER under this session's encryption key (3.2.4.1.8).</summary>
    public byte[] Encrypt(byte[] packet) =>
        MessageEncryption.Encrypt(Connection.TransformCipher ?? Cipher.Aes128Ccm, Client.Session.EncryptionKey ?? throw new InvalidOperationException("the session has no encryption key"),
            Client.Session.SessionId, packet);

    /// <summary>Null when <paramref name="frame"/> is a well-formed response (or compound of them), decrypted first if it came in a TRANSFORM_HEADER; else what is wrong with it.</summary>
    public string? WhatIsWrongWith(ReadOnlyMemory<byte> frame)
    {
        var packet = frame;
        if (frame.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(frame.Span) == Connection.TransformProtocolId)
        {
            var decrypted = MessageEncryption.Decrypt(Connection.TransformCipher ?? Cipher.Aes128Ccm, Client.Session.DecryptionKey ?? [], frame.Span);
            if (!decrypted.IsSuccess)
            {
                return $"a TRANSFORM_HEADER frame that does not decrypt under the session's key: {decrypted.Error}";
            }
            packet = decrypted.Value!.Message;
        }
        var split = Smb2Compound.Split(packet);
        if (!split.IsSuccess)
        {
            return $"not an SMB2 message or compound: {split.Error}";
        }
        foreach (var slice in split.Value)
        {
            if (!slice.Header.IsResponse)
            {
                return $"a {slice.Header.Command} message without SMB2_FLAGS_SERVER_TO_REDIR";
            }
            var body = Smb2MessageCatalog.ReadResponse(slice);
            if (!body.IsSuccess)
            {
                return $"a {slice.Header.Command} response whose body does not decode: {body.Error}";
            }
        }
        return null;
    }

    private static async Task<Open> OpenAsync(Smb2Client client, CreateRequest request, CancellationToken cancellationToken) =>
        (await client.Connection.CreateAsync(client.Tree, request, cancellationToken)).Open
        ?? throw new InvalidOperationException($"the fuzz session could not open {request.Name}");

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
