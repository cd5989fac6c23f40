using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>
/// One request to send, alone or in a compound, and what a scenario wants done differently from the
/// client of 3.2.4.1. The connection fills MessageId, CreditCharge, CreditRequest, NextCommand and the
/// signature unless told otherwise here; every other header field is sent as the message has it.
/// </summary>
public sealed class Smb2Request(Smb2Message message)
{
    public Smb2Message Message { get; } = message;

    public Smb2Header Header => Message.Header;

    public Smb2Command Command => Message.Header.Command;

    /// <summary>Null: the lowest available id(s) of the SequenceWindow (3.2.4.1.3). A value is sent as given, taken from the window if it is there.</summary>
    public ulong? MessageId { get; init; }

    /// <summary>Null: 1 when Connection.SupportsMultiCredit, otherwise 0 (3.2.4.1.5). A multi-credit charge N consumes N consecutive MessageIds.</summary>
    public ushort? CreditCharge { get; init; }

    /// <summary>Null: the charge plus what keeps the window at <see cref="ConnectionOptions.CreditTarget"/> (3.2.4.1.2).</summary>
    public ushort? CreditRequest { get; init; }

    public RequestSigning Signing { get; init; }

    /// <summary>For a compound, the first request's choice applies to the whole send (one TRANSFORM_HEADER wraps the chain).</summary>
    public RequestEncryption Encryption { get; init; }

    /// <summary>False: the request is sent but not put in OutstandingRequests; a response to it goes to the unclaimed frames.</summary>
    public bool ExpectResponse { get; init; } = true;

    /// <summary>The session whose keys sign or encrypt this request. Null: looked up by the header's SessionId.</summary>
    public Session? Session { get; init; }

    /// <summary>The tree connect whose EncryptData applies (3.2.4.1.1, 3.2.4.1.8). Null: looked up by TreeId in the session.</summary>
    public TreeConnect? TreeConnect { get; init; }

    /// <summary>The FileId the request names, so the pending request can be found from its Open (3.2.1.6 Open.OutstandingRequests).</summary>
    public FileId? FileId { get; init; }

    /// <summary>Null: <see cref="ConnectionOptions.ResponseTimeout"/>.</summary>
    public TimeSpan? ResponseTimeout { get; init; }

    /// <summary>Run by the receive loop on the final response before anything after it on the connection is handled (the client's 3.2.5.x state changes).</summary>
    internal Action<Smb2Response>? OnResponse { get; init; }

    public static implicit operator Smb2Request(Smb2Message message) => new(message);

    public override string ToString() => Message.ToString();
}
