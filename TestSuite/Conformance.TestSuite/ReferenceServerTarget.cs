using Conformance.ReferenceServer.Hosting;
using Conformance.Scenarios;

namespace Conformance.TestSuite;

/// <summary>The built-in reference server, started in-process on an ephemeral loopback port for the run.</summary>
public sealed class ReferenceServerTarget : IAsyncDisposable
{
    private readonly ReferenceServerHost host;

    private ReferenceServerTarget(ReferenceServerHost host, TargetSettings settings)
    {
        this.host = host;
        Settings = settings;
    }

    public TargetSettings Settings { get; }

    public static async Task<ReferenceServerTarget> StartAsync(TargetConfiguration configuration, CancellationToken cancellationToken)
    {
        var server = new ServerConfiguration { MaxDialect = configuration.MaxDialect ?? Adapters.Wire.Dialect.Smb311 };
        var host = await ReferenceServerHost.StartAsync(server, cancellationToken);
        return new ReferenceServerTarget(host, new TargetSettings
        {
            Name = "reference server",
            Host = "127.0.0.1",
            Port = host.Port,
            Share = "conf",
            EncryptedShare = "encrypted",
            User = ServerConfiguration.DefaultUser,
            Password = ServerConfiguration.DefaultPassword,
            Domain = ServerConfiguration.DefaultDomain,
            MaxDialect = configuration.MaxDialect,
            IsReferenceServer = true,
        });
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
