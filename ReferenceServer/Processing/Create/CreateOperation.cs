using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// One CREATE as it moves through the phases of 3.3.5.9: the request, what validation made of it
/// (the path, the access asked for), the tree and share it is made on.
/// </summary>
internal sealed class CreateOperation(RequestContext context, CreateRequest request, string pathName, AccessMask desiredAccess, IShareStore store)
{
    public RequestContext Context { get; } = context;
    public CreateRequest Request { get; } = request;

    /// <summary>The share-relative path to open (a trailing "::$DATA" removed).</summary>
    public string PathName { get; } = pathName;

    /// <summary>DesiredAccess with generic rights mapped to specific ones.</summary>
    public AccessMask DesiredAccess { get; } = desiredAccess;

    public TreeConnect TreeConnect => Context.TreeConnect!;
    public Share Share => TreeConnect.Share;
    public IShareStore Store { get; } = store;
}
