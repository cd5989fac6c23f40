using System.Diagnostics;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>
/// Samba's smbclient against the reference server on an ephemeral port with a temporary directory
/// share: put, ls, get, with SMB2, SMB3 and SMB3 with encryption required by the client.
/// smbclient exits 0 even when a put fails, so the contents that come back and the listing are checked.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SmbclientInteropTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [TestCase("SMB2", null)]
    [TestCase("SMB3", null)]
    [TestCase("SMB3", "--client-protection=encrypt")]
    [TestCase("SMB2_02", null)]
    [TestCase("SMB3_00", "--client-protection=encrypt")]
    public async Task Put_ls_get_round_trips_through_smbclient(string maxProtocol, string? protection)
    {
        var smbclient = FindOnPath("smbclient");
        if (smbclient is null)
        {
            Assert.Ignore("smbclient is not installed (apt-get install -y smbclient)");
        }
        var root = Directory.CreateTempSubdirectory("refserver-share-");
        var work = Directory.CreateTempSubdirectory("refserver-client-");
        try
        {
            await using var host = await ReferenceServerHost.StartAsync(new ServerConfiguration { Shares = [new ShareConfiguration("conf", root.FullName)] });
            var content = $"content for {maxProtocol} {protection} {Guid.NewGuid()}\n";
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "a"), content);
            var arguments = new List<string> { "//127.0.0.1/conf", "-p", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "tester%Passw0rd!", "-m", maxProtocol, "-c", "put a b; ls; get b c" };
            if (protection is not null)
            {
                arguments.Add(protection);
            }
            var (exitCode, output) = await RunAsync(smbclient, arguments, work.FullName);
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(await File.ReadAllTextAsync(Path.Combine(root.FullName, "b")), Is.EqualTo(content), "the file put on the share");
            Assert.That(await File.ReadAllTextAsync(Path.Combine(work.FullName, "c")), Is.EqualTo(content), "the file got back");
            Assert.That(output, Does.Match(@"(?m)^\s+b\s+A\s+" + content.Length + @"\s"), "the listing shows b with its size");
            Assert.That(output, Does.Match(@"(?m)^\s+\.\.\s+D\s"), "the listing shows ..");
        }
        finally
        {
            root.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"smbclient did not finish within {ProcessTimeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(File.Exists);
}
