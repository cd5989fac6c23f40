namespace Conformance.Adapters.Client;

/// <summary>
/// A client-side failure: what was awaited or attempted (command, MessageId, timeout), why it failed,
/// and the recent exchange on the connection so a failed scenario shows what went on the wire.
/// </summary>
public sealed class Smb2ClientException : Exception
{
    public Smb2ClientException(ClientErrorKind kind, string message, string? exchange = null, Exception? innerException = null)
        : base(exchange is null or "" ? message : $"{message}\nRecent exchange:\n{exchange}", innerException)
    {
        Kind = kind;
        Summary = message;
        Exchange = exchange ?? "";
    }

    public ClientErrorKind Kind { get; }

    /// <summary>The message without the exchange dump.</summary>
    public string Summary { get; }

    /// <summary>The last frames sent and received on the connection, one line each.</summary>
    public string Exchange { get; }
}
