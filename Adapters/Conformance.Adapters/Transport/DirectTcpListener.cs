using System.Net;
using System.Net.Sockets;

namespace Conformance.Adapters.Transport;

/// <summary>Accepts Direct TCP connections and wraps each in a <see cref="DirectTcpTransport"/>, for the server side.</summary>
public sealed class DirectTcpListener : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly TransportOptions options;
    private int disposed;

    private DirectTcpListener(TcpListener listener, TransportOptions options)
    {
        this.listener = listener;
        this.options = options;
        LocalEndPoint = (IPEndPoint)listener.LocalEndpoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Listens on <paramref name="endPoint"/> (port 0 picks a free port; see <see cref="LocalEndPoint"/>).</summary>
    public static DirectTcpListener Start(IPEndPoint endPoint, TransportOptions? options = null, int backlog = 16)
    {
        var listener = new TcpListener(endPoint);
        listener.Start(backlog);
        return new DirectTcpListener(listener, options ?? TransportOptions.Default);
    }

    /// <summary>
    /// The next connection. The wait is bounded by <paramref name="cancellationToken"/> and by the
    /// listener's lifetime: disposing the listener ends it with <see cref="TransportErrorKind.ClosedLocally"/>.
    /// </summary>
    public async Task<DirectTcpTransport> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            return DirectTcpTransport.FromAcceptedSocket(socket, options);
        }
        catch (Exception e) when ((e is ObjectDisposedException or SocketException) && Volatile.Read(ref disposed) != 0)
        {
            throw new TransportException(TransportErrorKind.ClosedLocally, $"the listener on {LocalEndPoint} was closed by this side", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        Volatile.Write(ref disposed, 1);
        listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
