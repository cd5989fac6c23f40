using System.Net;
using Conformance.Adapters.Client;
using Conformance.Adapters.Tests.Transport;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Client;

/// <summary>
/// A fake SMB2 server on 127.0.0.1: a <see cref="DirectTcpListener"/> that accepts one connection and
/// runs a script answering with crafted frames. Everything is bounded by a 10 s token.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly DirectTcpListener listener;
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(10));

    private ScriptedServer(Func<DirectTcpTransport, CancellationToken, Task> script)
    {
        listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, 0), Frames.ShortTimeouts());
        Script = Task.Run(async () =>
        {
            await using var peer = await listener.AcceptAsync(stop.Token);
            await script(peer, stop.Token);
        });
    }

    public int Port => listener.LocalEndPoint.Port;

    /// <summary>Completes when the script has run; faults if it failed (an assertion inside it included).</summary>
    public Task Script { get; }

    public static ScriptedServer Start(Func<DirectTcpTransport, CancellationToken, Task> script) => new(script);

    /// <summary>A client connection with short bounds: 800 ms transport waits, the given response timeout; of <paramref name="client"/> when given.</summary>
    public Task<Connection> ConnectAsync(TimeSpan? responseTimeout = null, TimeSpan? creditTimeout = null, ClientGlobal? client = null) =>
        Connection.ConnectAsync("127.0.0.1", Port, new ConnectionOptions
        {
            Transport = Frames.ShortTimeouts(),
            ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(5),
            CreditTimeout = creditTimeout ?? TimeSpan.FromSeconds(5),
            Client = client,
        });

    /// <summary>The script's result, bounded, so a failing script fails the test with its own message.</summary>
    public Task CompletionAsync() => Script.WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await listener.DisposeAsync();
        await Script.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    /// <summary>Reads one request frame and splits it into its messages.</summary>
    public static async Task<IReadOnlyList<MessageSlice>> ReceiveRequestsAsync(DirectTcpTransport peer, CancellationToken token)
    {
        var frame = await peer.ReceiveAsync(TimeSpan.FromSeconds(5), token);
        return Smb2Compound.Split(frame).Unwrap();
    }

    /// <summary>The header of a response to <paramref name="request"/>: same command, MessageId, SessionId, TreeId.</summary>
    public static Smb2Header ResponseHeader(Smb2Header request, uint status = NtStatus.Success, ushort credits = 1) => new()
    {
        Command = request.Command,
        MessageId = request.MessageId,
        SessionId = request.SessionId,
        TreeId = request.TreeId,
        Status = status,
        CreditRequestResponse = credits,
        Flags = Smb2HeaderFlags.ServerToRedir,
    };

    /// <summary>An ECHO Response (2.2.29) to <paramref name="request"/>.</summary>
    public static Smb2Message EchoResponse(Smb2Header request, ushort credits = 1) =>
        Smb2Message.For(new Adapters.Wire.Messages.EchoResponse(), ResponseHeader(request, credits: credits));

    /// <summary>An ERROR Response (2.2.2) without error data: StructureSize 9, ErrorContextCount, Reserved, ByteCount 0, one byte of ErrorData.</summary>
    public static RawBody ErrorBody(Smb2Command command) => new(command, new byte[] { 9, 0, 0, 0, 0, 0, 0, 0, 0 });
}
