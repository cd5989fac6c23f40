using System.Diagnostics;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Transport;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Robustness.Load;

/// <summary>
/// Loads a reference server it starts in-process (with room for every connection twice over): N
/// connections run the mix of <see cref="LoadWorker"/> for the duration, then each connection's files
/// are read back through a fresh connection and compared with what was written.
/// </summary>
public static class LoadRun
{
    private const int ConcurrentLogons = 32;

    public static async Task<LoadReport> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var report = new LoadReport { Connections = options.Connections };
        var configuration = new ServerConfiguration { MaxConnections = (2 * options.Connections) + 16, OplockBreakTimeout = options.OplockBreakTimeout };
        await using var host = await ReferenceServerHost.StartAsync(configuration, cancellationToken);
        var credential = new NtlmCredential(null, ServerConfiguration.DefaultUser, ServerConfiguration.DefaultPassword);
        var connectionOptions = new ConnectionOptions { ResponseTimeout = options.RequestTimeout, CreditTimeout = options.RequestTimeout, Recorder = new FrameRecorder(maxBytesPerFrame: 128) };
        var runName = $"load-{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var setup = await Smb2ClientFactory.ConnectAsync("127.0.0.1", host.Port, credential, new Smb2ClientOptions { ShareName = "conf" }, cancellationToken))
        {
            var directory = await setup.Connection.CreateAsync(setup.Tree, new Adapters.Wire.Messages.CreateRequest
            {
                Name = runName,
                DesiredAccess = Adapters.Wire.Messages.AccessMask.GenericRead,
                CreateDisposition = Adapters.Wire.Messages.CreateDisposition.FileCreate,
                CreateOptions = Adapters.Wire.Messages.CreateOptions.FileDirectoryFile,
            }, cancellationToken);
            await setup.Connection.CloseAsync(directory.Open!, cancellationToken: cancellationToken);
        }

        using var connecting = new SemaphoreSlim(ConcurrentLogons);
        var workers = Enumerable.Range(0, options.Connections).Select(index => new LoadWorker(index, runName, options, report)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(options.Duration);
        await Task.WhenAll(workers.Select(worker => Task.Run(() => worker.RunAsync(host.Port, credential, Fresh(connectionOptions), connecting, stop.Token), CancellationToken.None)));
        report.Elapsed = clock.Elapsed;
        await Task.WhenAll(workers.Select(worker => Task.Run(() => worker.VerifyAsync(host.Port, credential, Fresh(connectionOptions), connecting), CancellationToken.None)));
        foreach (var fault in host.Faults)
        {
            report.Error($"server fault: {fault}");
        }
        return report;
    }

    /// <summary>Each connection records into a recorder of its own (only frame prefixes: the load writes megabytes).</summary>
    private static ConnectionOptions Fresh(ConnectionOptions options) => options with { Recorder = new FrameRecorder(maxBytesPerFrame: 128) };
}
