using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// One request being processed: its header and bytes, the state it was resolved against (session,
/// tree connect, the FileId of a related compound, 3.3.5.2.7.2) and what its response header carries.
/// </summary>
internal sealed class RequestContext(ServerRuntime runtime, Connection connection, MessageSlice message, Request request)
{
    public ServerRuntime Runtime { get; } = runtime;
    public Server Server => Runtime.Server;
    public Connection Connection { get; } = connection;
    public Smb2Header Header => Message.Header;
    public MessageSlice Message { get; } = message;
    public Request Request { get; } = request;
    public bool IsEncrypted => Request.IsEncrypted;
    public bool IsRelated => (Header.Flags & Smb2HeaderFlags.RelatedOperations) != 0;

    /// <summary>The SessionId in use: the header's, or the previous request's in a related compound.</summary>
    public ulong SessionId { get; set; }

    /// <summary>The TreeId in use: the header's, or the previous request's in a related compound.</summary>
    public uint TreeId { get; set; }

    public Session? Session { get; set; }
    public TreeConnect? TreeConnect { get; set; }

    /// <summary>The FileId a related request's 0xFFFF...FFFF stands for (3.3.5.2.7.2), or null.</summary>
    public FileId? CompoundFileId { get; set; }

    /// <summary>The status of the previous request of a related compound that named or created a FileId.</summary>
    public uint? CompoundFileStatus { get; set; }

    /// <summary>The SESSION_SETUP's authentication failed (3.3.5.5.3): the session it named goes.</summary>
    public bool AuthenticationFailed { get; set; }

    /// <summary>The FileId this request used or created, for the next related request.</summary>
    public FileId? ResultFileId { get; set; }

    /// <summary>The request's body bytes and header as one slice, for the codec's Read.</summary>
    public ReadOnlyMemory<byte> Bytes => Message.Bytes;

    /// <summary>
    /// The open a FileId names: related compounds substitute the previous FileId; the open must belong
    /// to this session and tree connect (3.3.5.x: "If the Open is not found ... STATUS_FILE_CLOSED").
    /// </summary>
    public OpenLookup LookupOpen(FileId fileId)
    {
        if (IsRelated && fileId == FileId.Related)
        {
            if (CompoundFileId is null)
            {
                return new OpenLookup(null, CompoundFileStatus ?? NtStatus.InvalidParameter);
            }
            fileId = CompoundFileId.Value;
        }
        ResultFileId = fileId;
        if (Request.Open is { } already && already.FileId == fileId)
        {
            // Looked up before for this request: 3.3.5.2.10 counted it once.
            return new OpenLookup(already, NtStatus.Success);
        }
        if (Session is null || !Session.OpenTable.TryGetValue(fileId.Volatile, out var open) || open.FileId.Persistent != fileId.Persistent
            || (TreeConnect is not null && open.TreeConnect != TreeConnect))
        {
            return new OpenLookup(null, NtStatus.FileClosed);
        }
        var sequenceStatus = VerifyChannelSequence(open);
        if (sequenceStatus != NtStatus.Success)
        {
            return new OpenLookup(null, sequenceStatus);
        }
        Request.Open = open;
        if (!open.IsPersistent && Header.Command is Smb2Command.Flush or Smb2Command.Read or Smb2Command.Write or Smb2Command.Lock or Smb2Command.Ioctl
            or Smb2Command.ChangeNotify or Smb2Command.QueryDirectory or Smb2Command.QueryInfo or Smb2Command.SetInfo or Smb2Command.OplockBreak)
        {
            // Current MS-SMB2 (3.3.5.9.10, and each of these commands' clause, e.g. 3.3.5.18, 3.3.5.20): a
            // non-persistent open once used is no longer found by a replayed DH2Q; a persistent one stays eligible.
            open.IsReplayEligible = false;
        }
        return new OpenLookup(open, NtStatus.Success);
    }

    /// <summary>The previous request of a related compound had no SessionId to pass on, or failed to create one (3.3.5.2.7.2).</summary>
    public bool RelatedSessionMissing { get; set; }

    /// <summary>The previous request of a related compound had no TreeId to pass on, or failed to create one (3.3.5.2.7.2).</summary>
    public bool RelatedTreeMissing { get; set; }

    /// <summary>
    /// 3.3.5.2.10 for a 3.x request naming an open, both branches. Without SMB2_FLAGS_REPLAY_OPERATION:
    /// the current ChannelSequence counts the request in Open.OutstandingRequestCount; a newer one
    /// (16-bit difference at most 0x7FFF) moves the open to it, the requests of the old epoch counting
    /// as OutstandingPreRequestCount. With the flag, the same happens only while no request of an older
    /// epoch is outstanding. Anything else fails WRITE, SET_INFO and IOCTL with STATUS_FILE_NOT_AVAILABLE;
    /// other commands go on uncounted. The final response decrements what was counted (3.3.4.1,
    /// <see cref="RequestCompletion"/>).
    /// </summary>
    private uint VerifyChannelSequence(Open open)
    {
        if (!Connection.IsSmb3)
        {
            return NtStatus.Success;
        }
        var sequence = Header.ChannelSequence;
        var replay = (Header.Flags & Smb2HeaderFlags.ReplayOperation) != 0;
        lock (open.ChannelSequenceGate)
        {
            var counted = false;
            if (sequence == open.ChannelSequence)
            {
                if (!replay || open.OutstandingPreRequestCount == 0)
                {
                    open.OutstandingRequestCount++;
                    counted = true;
                }
            }
            else if ((ushort)(sequence - open.ChannelSequence) <= 0x7FFF && (!replay || open.OutstandingPreRequestCount == 0))
            {
                open.OutstandingPreRequestCount += open.OutstandingRequestCount;
                open.OutstandingRequestCount = 1;
                open.ChannelSequence = sequence;
                counted = true;
            }
            if (counted)
            {
                Request.CountedChannelSequence = sequence;
                return NtStatus.Success;
            }
        }
        return Header.Command is Smb2Command.Write or Smb2Command.SetInfo or Smb2Command.Ioctl ? NtStatus.FileNotAvailable : NtStatus.Success;
    }
}

/// <summary>The open found for a FileId, or the status to fail with.</summary>
internal readonly record struct OpenLookup(Open? Open, uint Status);
