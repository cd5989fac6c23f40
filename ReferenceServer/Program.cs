using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer;

/// <summary>
/// Runs the reference SMB2/3 server on 127.0.0.1 until Ctrl+C or SIGTERM:
/// <c>--port N --share NAME[=PATH] --encrypt-share NAME --user NAME:PASSWORD --encrypt --max-dialect 3.1.1 --allow-guest</c>.
/// </summary>
public static class Program
{
    /// <summary>Read by the socket engine when it starts, so set before the first socket exists.</summary>
    private const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static async Task<int> Main(string[] args)
    {
        // Each connection's requests are processed in order and never block a thread, so a receive
        // may go on to process its request on the socket engine's thread: one thread hand-off fewer
        // per request (about half the server's CPU time per ECHO). An explicit setting wins.
        if (Environment.GetEnvironmentVariable(InlineSocketCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions, "1");
        }
        var parsed = CommandLine.Parse(args);
        if (parsed.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 2;
        }
        if (parsed.Help)
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }
        var configuration = parsed.Configuration! with { Log = line => Console.Error.WriteLine(line) };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        ReferenceServerHost host;
        try
        {
            host = await ReferenceServerHost.StartAsync(configuration, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot start: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        await using (host.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"listening on 127.0.0.1:{host.Port}").ConfigureAwait(false);
            if (host.NetBiosPort is { } netBiosPort)
            {
                await Console.Out.WriteLineAsync($"listening for the NetBIOS session service on 127.0.0.1:{netBiosPort} as {configuration.NetBiosName}").ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return 0;
    }
}
