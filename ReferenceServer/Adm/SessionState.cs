namespace Conformance.ReferenceServer.Adm;

/// <summary>Session.State (MS-SMB2 3.3.1.8).</summary>
public enum SessionState
{
    InProgress,
    Valid,
    Expired,
}
