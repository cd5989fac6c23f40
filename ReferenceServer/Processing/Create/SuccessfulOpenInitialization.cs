using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// The "Successful Open Initialization" phase of 3.3.5.9: the SMB2 open object with its initial
/// values, in Session.OpenTable and GlobalOpenTable, its tree connect's OpenCount raised, and the
/// request's Request.Open set.
/// </summary>
internal static class SuccessfulOpenInitialization
{
    public static Open Run(CreateOperation create, OpenExecutionResult opened)
    {
        var context = create.Context;
        var request = create.Request;
        var session = context.Session!;
        var treeConnect = create.TreeConnect;
        var persistent = context.Server.NewFileId();
        var open = new Open(new FileId(persistent, persistent), session, treeConnect, context.Connection, opened.LocalOpen!)
        {
            GrantedAccess = create.DesiredAccess,
            DesiredAccess = request.DesiredAccess,
            CreateDisposition = request.CreateDisposition,
            FileAttributesOptions = request.FileAttributes,
            ShareAccess = request.ShareAccess,
            CreateOptions = request.CreateOptions,
            FileAttributes = FileInformation.Attributes(opened.Entry!),
            DeleteOnClose = (request.CreateOptions & CreateOptions.FileDeleteOnClose) != 0,
            ClientGuid = context.Connection.ClientGuid,
            OplockLevel = OplockLevel.None,
            OplockState = OplockState.None,
        };
        session.OpenTable[open.FileId.Volatile] = open;
        context.Server.GlobalOpenTable[open.FileId.Persistent] = open;
        Interlocked.Increment(ref treeConnect.OpenCount);
        context.Request.Open = open;
        context.ResultFileId = open.FileId;
        return open;
    }
}
