namespace Conformance.Adapters.Security;

/// <summary>Which end of the connection derives keys or sends a message: the client (redirector) or the server.</summary>
public enum Smb2Role
{
    Client,
    Server,
}
