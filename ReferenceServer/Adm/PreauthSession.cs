using Conformance.Adapters.Security;

namespace Conformance.ReferenceServer.Adm;

/// <summary>An entry of Connection.PreauthSessionTable (3.1.1): a session still authenticating and its running hash.</summary>
public sealed class PreauthSession(ulong sessionId, PreauthIntegrityHash preauthIntegrityHashValue)
{
    public ulong SessionId { get; } = sessionId;
    public PreauthIntegrityHash PreauthIntegrityHashValue { get; set; } = preauthIntegrityHashValue;
}
