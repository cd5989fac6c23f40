using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Teardown;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Processing;

/// <summary>SMB2 CLOSE (3.3.5.10), with SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB returning the file's final attributes.</summary>
internal sealed class CloseHandler : FileRequestHandler<CloseRequest>
{

    protected override Smb2Command Command => Smb2Command.Close;

    protected override FileId FileIdOf(CloseRequest request) => request.FileId;

    protected override async Task<Outcome> HandleAsync(RequestContext context, CloseRequest request, Open open, CancellationToken cancellationToken)
    {
        var postQuery = (request.Flags & CloseFlags.PostqueryAttrib) != 0;
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
