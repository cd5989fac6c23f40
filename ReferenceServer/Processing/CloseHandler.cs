using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 CLOSE (3.3.5.10), with SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB returning the file's final attributes.</summary>
internal sealed class CloseHandler : ICommandHandler
{
    public bool RequiresSession => true;
    public bool RequiresTreeConnect => true;

    public async Task<Outcome> HandleAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var decoded = CloseRequest.Read(context.Bytes);
        if (!decoded.IsSuccess)
        {
            return Outcome.Error(Smb2Command.Close, NtStatus.InvalidParameter);
        }
        var lookup = context.LookupOpen(decoded.Value.FileId);
        if (lookup.Open is not { } open)
        {
            return Outcome.Error(Smb2Command.Close, lookup.Status);
        }
        var postQuery = (decoded.Value.Flags & CloseFlags.PostqueryAttrib) != 0;
        var entry = await OpenCloser.CloseAsync(context.Server, open, postQuery).ConfigureAwait(false);
        var response = new CloseResponse();
        if (postQuery && entry is not null)
        {
            response.Flags = CloseFlags.PostqueryAttrib;
            response.CreationTime = (ulong)entry.CreationTime;
            response.LastAccessTime = (ulong)entry.LastAccessTime;
            response.LastWriteTime = (ulong)entry.LastWriteTime;
            response.ChangeTime = (ulong)entry.ChangeTime;
            response.AllocationSize = (ulong)entry.AllocationSize;
            response.EndofFile = (ulong)entry.EndOfFile;
            response.FileAttributes = FileInformation.Attributes(entry);
        }
        return Outcome.Success(response);
    }
}
