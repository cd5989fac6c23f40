using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Hosting;
using Microsoft.Extensions.Time.Testing;

using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.ReferenceServer.Tests.Stateful;

/// <summary>
/// A reference server on a fake clock, and logged-on clients of our own adapter: what the stateful
/// tests share. Time moves only when a test advances <see cref="Clock"/>.
/// </summary>
internal sealed class ReferenceServerFixture : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly List<Smb2Client> clients = [];

    private ReferenceServerFixture(ReferenceServerHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
    }

    public ReferenceServerHost Host { get; }
    public FakeTimeProvider Clock { get; }

    public static async Task<ReferenceServerFixture> StartAsync(Func<ServerConfiguration, ServerConfiguration>? configure = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ServerConfiguration { Clock = clock };
        var host = await ReferenceServerHost.StartAsync(configure?.Invoke(configuration) ?? configuration);
        return new ReferenceServerFixture(host, clock);
    }

    /// <summary>A new connection, negotiated up to <paramref name="dialect"/>, logged on and connected to <c>conf</c>.</summary>
    public async Task<Smb2Client> LogOnAsync(Dialect dialect = Dialect.Smb311) => await LogOnAsync(null, dialect);

    /// <summary>As <see cref="LogOnAsync(Dialect)"/>, as the client <paramref name="client"/> (its ClientGuid) when given: a client back after losing its connection.</summary>
    public async Task<Smb2Client> LogOnAsync(ClientGlobal? client, Dialect dialect = Dialect.Smb311)
    {
        var logged = await Smb2ClientFactory.ConnectAsync("127.0.0.1", Host.Port, new NtlmCredential(null, ServerConfiguration.DefaultUser, ServerConfiguration.DefaultPassword),
            new Smb2ClientOptions { Client = client, Negotiate = new NegotiateOptions { MaxDialect = dialect }, ShareName = "conf" });
        clients.Add(logged);
        return logged;
    }

    public static CreateRequest Create(string name, OplockLevel oplock, CreateDisposition disposition = CreateDisposition.FileOpenIf, AccessMask access = AccessMask.GenericRead | AccessMask.GenericWrite) => new()
    {
        Name = name,
        RequestedOplockLevel = oplock,
        DesiredAccess = access,
        ShareAccess = ShareAccess.FileShareRead | ShareAccess.FileShareWrite | ShareAccess.FileShareDelete,
        CreateDisposition = disposition,
        CreateOptions = CreateOptions.FileNonDirectoryFile,
        FileAttributes = FileAttributes.Normal,
    };

    /// <summary>Sends a CREATE without waiting for it: the request a break holds up.</summary>
    public static async Task<PendingRequest> PostCreateAsync(Smb2Client client, CreateRequest request) =>
        (await client.Connection.PostAsync([new Smb2Request(client.Connection.Build(request, client.Session, client.Tree)) { Session = client.Session, TreeConnect = client.Tree }]))[0]!;

    /// <summary>Polls an ADM condition that another thread brings about (a teardown, a timer event, a reset connection noticed), within <see cref="Wait"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var bound = new CancellationTokenSource(Wait);
        while (!condition())
        {
            if (bound.IsCancellationRequested)
            {
                Assert.Fail($"not within {Wait}: {what}");
            }
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
        await Host.DisposeAsync();
    }
}
