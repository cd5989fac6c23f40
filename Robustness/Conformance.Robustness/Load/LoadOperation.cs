namespace Conformance.Robustness.Load;

/// <summary>The requests of the load mix, each timed on its own.</summary>
public enum LoadOperation
{
    Write,
    Read,
    QueryInfo,

    /// <summary>CREATE (batch oplock requested) and CLOSE of one of the connection's own files.</summary>
    OpenClose,

    /// <summary>CREATE of a shared file with a batch oplock, which breaks the other holders' oplocks (the CREATE waits for their acknowledgments).</summary>
    SharedOpen,
    SharedWrite,
    SharedClose,

    /// <summary>An OPLOCK_BREAK acknowledgment sent from the client's break inbox.</summary>
    BreakAcknowledgment,
}
