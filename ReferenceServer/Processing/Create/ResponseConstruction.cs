using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.CreateContexts;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Response Construction" phase of 3.3.5.9 (2.2.14): OplockLevel is Open.OplockLevel, the times,
/// sizes and attributes come from the object store, FileId is {DurableFileId, FileId}; and the
/// response contexts of the request contexts this server answers: MxAc (3.3.5.9.5) and QFid (3.3.5.9.9).
/// </summary>
internal static class ResponseConstruction
{
    public static async Task<Outcome> BuildAsync(CreateOperation create, Open open, OpenExecutionResult opened, CancellationToken cancellationToken)
    {
        var entry = opened.Entry!;
        var response = new CreateResponse
        {
            OplockLevel = open.OplockLevel,
            CreateAction = opened.Action,
            CreationTime = (ulong)entry.CreationTime,
            LastAccessTime = (ulong)entry.LastAccessTime,
            LastWriteTime = (ulong)entry.LastWriteTime,
            ChangeTime = (ulong)entry.ChangeTime,
            AllocationSize = (ulong)entry.AllocationSize,
            EndofFile = (ulong)entry.EndOfFile,
            FileAttributes = FileInformation.Attributes(entry),
            FileId = new FileId(open.DurableFileId.Persistent, open.FileId.Volatile),
        };
        foreach (var createContext in create.Request.CreateContexts)
        {
            if (createContext is CreateQueryMaximalAccessRequest)
            {
                response.CreateContexts.Add(new CreateQueryMaximalAccessResponse { QueryStatus = NtStatus.Success, MaximalAccess = create.TreeConnect.MaximalAccess });
            }
            else if (createContext is CreateQueryOnDiskIdRequest)
            {
                var volume = await create.Store.GetVolumeInformationAsync(cancellationToken).ConfigureAwait(false);
                response.CreateContexts.Add(new CreateQueryOnDiskIdResponse { DiskFileId = entry.FileIndex, VolumeId = volume.SerialNumber });
            }
        }
        return Outcome.Success(response);
    }
}
