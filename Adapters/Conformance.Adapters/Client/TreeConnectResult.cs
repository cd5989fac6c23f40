using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>The outcome of <see cref="Connection.TreeConnectAsync"/>: the tree connect (null unless STATUS_SUCCESS) and the response.</summary>
public sealed record TreeConnectResult(TreeConnect? TreeConnect, Smb2Response<TreeConnectResponse> Response)
{
    public uint Status => Response.Status;

    public TreeConnect RequireTreeConnect() =>
        TreeConnect ?? throw new Smb2ClientException(ClientErrorKind.ProtocolFailure, $"TREE_CONNECT failed: {Wire.NtStatus.Describe(Status)}");
}
