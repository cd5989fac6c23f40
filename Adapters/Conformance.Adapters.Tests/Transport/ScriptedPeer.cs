using System.Net;
using System.Net.Sockets;

namespace Conformance.Adapters.Tests.Transport;

/// <summary>
/// A raw TCP peer on 127.0.0.1 that accepts one connection and runs a script on its socket: the
/// hostile servers of the transport tests. Everything it does is bounded by a 10 s token.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(10));

    private ScriptedPeer(Func<Socket, CancellationToken, Task> script)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Script = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(stop.Token);
            await script(socket, stop.Token);
        });
    }

    public int Port { get; }

    /// <summary>Completes when the script has run; faults if it failed.</summary>
    public Task Script { get; }

    public static ScriptedPeer Start(Func<Socket, CancellationToken, Task> script) => new(script);

    /// <summary>Accepts and then waits, reading nothing and writing nothing, until disposed.</summary>
    public static Task Silent(Socket socket, CancellationToken token) => Task.Delay(Timeout.Infinite, token);

    /// <summary>Writes <paramref name="bytes"/>, then closes its side (FIN).</summary>
    public static Func<Socket, CancellationToken, Task> SendsThenCloses(params byte[] bytes) => async (socket, token) =>
    {
        await socket.SendAsync(bytes, SocketFlags.None, token);
        socket.Shutdown(SocketShutdown.Send);
    };

    /// <summary>Writes <paramref name="bytes"/>, then stays silent until disposed.</summary>
    public static Func<Socket, CancellationToken, Task> SendsThenWaits(params byte[] bytes) => async (socket, token) =>
    {
        await socket.SendAsync(bytes, SocketFlags.None, token);
        await Task.Delay(Timeout.Infinite, token);
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await Script.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }
}
