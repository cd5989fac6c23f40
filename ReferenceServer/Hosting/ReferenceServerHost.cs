using System.Collections.Concurrent;
using System.Net;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;
using Conformance.ReferenceServer.Processing;
using Conformance.ReferenceServer.Storage;

namespace Conformance.ReferenceServer.Hosting;

/// <summary>
/// A running reference server on 127.0.0.1: <see cref="StartAsync"/> binds and starts accepting;
/// <see cref="StopAsync"/> (or disposal) stops accepting and closes every connection.
/// </summary>
public sealed class ReferenceServerHost : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    private readonly DirectTcpListener listener;
    private readonly DirectTcpListener? netBiosListener;
    private readonly ServerConfiguration configuration;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<ConnectionProcessor, Task> connections = new();
    private readonly Task acceptLoop;
    private readonly Task netBiosAcceptLoop;
    private int stopped;

    private ReferenceServerHost(ServerRuntime runtime, DirectTcpListener listener, DirectTcpListener? netBiosListener, ServerConfiguration configuration)
    {
        Runtime = runtime;
        this.listener = listener;
        this.netBiosListener = netBiosListener;
        this.configuration = configuration;
        acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        netBiosAcceptLoop = netBiosListener is null ? Task.CompletedTask : Task.Run(() => AcceptLoopAsync(netBiosListener));
    }

    /// <summary>The server's state (ADM), for tests and diagnostics.</summary>
    public Server Server => Runtime.Server;

    /// <summary>The server's timers, events and fault record.</summary>
    internal ServerRuntime Runtime { get; }

    /// <summary>Every failure of the server itself so far (a handler that threw, answered STATUS_INTERNAL_ERROR).</summary>
    public IReadOnlyList<ServerFault> Faults => Runtime.Faults;

    /// <summary>Raised for each failure of the server itself as it happens.</summary>
    public event Action<ServerFault>? FaultRecorded
    {
        add => Runtime.FaultRecorded += value;
        remove => Runtime.FaultRecorded -= value;
    }

    public int Port => listener.LocalEndPoint.Port;
    public IPEndPoint EndPoint => listener.LocalEndPoint;

    /// <summary>The NetBIOS session service port (<see cref="ServerConfiguration.NetBiosPort"/>); null when not listening for it.</summary>
    public int? NetBiosPort => netBiosListener?.LocalEndPoint.Port;

    public static Task<ReferenceServerHost> StartAsync(ServerConfiguration configuration, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var shares = configuration.EffectiveShares.Select(ShareOf).Append(new Share("IPC$", null, ShareType.Pipe)).ToList();
        var server = new Server(shares, configuration.EffectiveUsers, configuration.Clock)
        {
            MaxChannelsPerSession = configuration.MaxChannels,
            // The one address the server listens on, as one interface (3.3.5.15.11: implementation-specific enumeration).
            NetworkInterfaces =
            [
                new NetworkInterfaceInfo
                {
                    IfIndex = 1,
                    Capability = configuration.InterfaceCapability,
                    LinkSpeed = configuration.InterfaceLinkSpeed,
                    SockAddrStorage = new SockaddrStorage { Address = IPAddress.Loopback },
                },
            ],
            OplockBreakTimeout = configuration.OplockBreakTimeout,
            LeaseBreakTimeout = configuration.LeaseBreakTimeout,
            IsLeasingSupported = configuration.Leasing,
            IsDirectoryLeasingSupported = configuration.Leasing && configuration.DirectoryLeasing,
            DurableOpenTimeout = configuration.DurableTimeout,
            EncryptData = configuration.EncryptData,
            RequireMessageSigning = configuration.RequireMessageSigning,
            ServerEnabled = configuration.Enabled,
            AllowGuest = configuration.AllowGuest,
            SessionLifetime = configuration.SessionLifetime,
            IsMultiChannelCapable = configuration.MultiChannel,
            IsPersistentHandlesSupported = configuration.EffectiveShares.Any(share => share.ContinuouslyAvailable),
            IsServerToClientNotificationsSupported = configuration.ServerToClientNotifications,
            MaxDialect = configuration.MaxDialect,
            NbDomainName = configuration.Domain,
        };
        // Large requests (WRITE data) are read into pooled buffers; ConnectionProcessor hands back those it is done with.
        var options = new TransportOptions { MaxMessageSize = configuration.MaxMessageSize, PooledReceiveMinimum = 64 * 1024 };
        var listener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, configuration.Port), options, backlog: 64);
        DirectTcpListener? netBiosListener = null;
        if (configuration.NetBiosPort is { } netBiosPort)
        {
            try
            {
                netBiosListener = DirectTcpListener.Start(new IPEndPoint(IPAddress.Loopback, netBiosPort),
                    options with { NetBios = new NetBiosSessionOptions(configuration.NetBiosName) }, backlog: 64);
            }
            catch
            {
                _ = listener.DisposeAsync();
                throw;
            }
        }
        var runtime = new ServerRuntime(server, configuration.Log, configuration.FaultInjection, configuration.ResponseTamper);
        return Task.FromResult(new ReferenceServerHost(runtime, listener, netBiosListener, configuration));
    }

    private static Share ShareOf(ShareConfiguration share)
    {
        IShareStore store = share.Path is null
            ? new InMemoryShareStore(share.Name.ToUpperInvariant())
            : new DirectoryShareStore(share.Path, share.Name.ToUpperInvariant());
        return new Share(share.Name, store)
        {
            EncryptData = share.EncryptData,
            MaxUses = share.MaxUses,
            LocalPath = share.Path ?? "",
            IsScaleOut = share.ScaleOut,
            ForceLevel2Oplock = share.ForceLevel2Oplock,
            IsCA = share.ContinuouslyAvailable,
            CATimeout = share.CATimeout,
        };
    }

    private async Task AcceptLoopAsync(DirectTcpListener listener)
    {
        while (!stopping.IsCancellationRequested)
        {
            DirectTcpTransport transport;
            try
            {
                transport = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TransportException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                continue;
            }
            if (!Server.ServerEnabled)
            {
                // 3.3.5.1: a disabled server accepts no incoming connection; no Connection object is made.
                configuration.Log?.Invoke($"refusing {transport.RemoteEndPoint}: the server is disabled (ServerEnabled FALSE)");
                await transport.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            if (connections.Count >= configuration.MaxConnections)
            {
                configuration.Log?.Invoke($"refusing {transport.RemoteEndPoint}: {configuration.MaxConnections} connections already");
                await transport.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            if (listener == netBiosListener)
            {
                _ = Task.Run(() => AcceptNetBiosSessionAsync(transport));
                continue;
            }
            Serve(transport);
        }
    }

    /// <summary>A NetBIOS session service connection is served once its SESSION REQUEST called this server (RFC 1002 4.3.2).</summary>
    private async Task AcceptNetBiosSessionAsync(DirectTcpTransport transport)
    {
        var accepted = await transport.AcceptSessionAsync(CalledNameError, stopping.Token).ConfigureAwait(false);
        if (!accepted)
        {
            configuration.Log?.Invoke($"NetBIOS session of {transport.RemoteEndPoint} not established: {transport.CloseReason}");
            await transport.DisposeAsync().ConfigureAwait(false);
            return;
        }
        Serve(transport);
    }

    private NetBiosSessionError? CalledNameError(string calledName) =>
        calledName.Equals(configuration.NetBiosName, StringComparison.OrdinalIgnoreCase) || calledName == NetBiosSessionOptions.AnyServerName
            ? null
            : NetBiosSessionError.CalledNameNotPresent;

    private void Serve(DirectTcpTransport transport)
    {
        var connection = new Connection(transport.RemoteEndPoint, Server.Clock.GetUtcNow());
        Server.ConnectionList[connection] = 0;
        var processor = new ConnectionProcessor(Runtime, connection, transport,
            new ProcessorLimits(configuration.MaxOutstandingAsyncRequests, configuration.Log));
        connections[processor] = Task.Run(async () =>
        {
            try
            {
                await processor.RunAsync(stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                connections.TryRemove(processor, out _);
            }
        });
    }

    /// <summary>Stops accepting, closes every connection and waits (bounded) for them to finish.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await listener.DisposeAsync().ConfigureAwait(false);
        if (netBiosListener is not null)
        {
            await netBiosListener.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var processor in connections.Keys)
        {
            await processor.CloseAsync().ConfigureAwait(false);
        }
        var all = Task.WhenAll(connections.Values.Append(acceptLoop).Append(netBiosAcceptLoop));
        await Task.WhenAny(all, Task.Delay(StopBound)).ConfigureAwait(false);
        Runtime.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
