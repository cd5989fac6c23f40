namespace Conformance.ReferenceServer.Adm;

/// <summary>A request being processed (MS-SMB2 3.3.1.13 Request, an entry of Connection.RequestList).</summary>
public sealed class Request(ulong messageId)
{
    public ulong MessageId { get; } = messageId;

    /// <summary>Nonzero once the request goes async (3.3.4.2).</summary>
    public ulong AsyncId { get; set; }

    public Guid CancelRequestId { get; } = Guid.NewGuid();
    public Open? Open { get; set; }

    /// <summary>
    /// The ChannelSequence with which 3.3.5.2.10 counted this request in Open's outstanding counts,
    /// or null when it was not counted; the final response decrements the matching count (3.3.4.1).
    /// </summary>
    public ushort? CountedChannelSequence { get; set; }
    public bool IsEncrypted { get; set; }
    public ulong TransformSessionId { get; set; }

    /// <summary>Cancels a pending operation (SMB2 CANCEL, 3.3.5.16; or the connection going away).</summary>
    public CancellationTokenSource Cancellation { get; } = new();
}
