using System.Globalization;
using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// The fuzzer's seeds: the client-to-server frames of the capture corpus (smbclient against Samba,
/// <c>*.frames.tsv</c>), and the frames our own client sends in a template session that uses every
/// command a session carries (CREATE, WRITE, READ, FLUSH, LOCK, IOCTL, QUERY_INFO, SET_INFO,
/// QUERY_DIRECTORY, CHANGE_NOTIFY, CANCEL, OPLOCK_BREAK, ECHO, CLOSE, a related compound).
/// </summary>
public static class SeedCorpus
{
    /// <summary>The capture corpus copied next to this assembly.</summary>
    public static string DefaultCaptureDirectory => Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <summary>Client-to-server SMB2 messages of every <c>*.frames.tsv</c> in <paramref name="directory"/> (columns index, pcap_frame, direction, smb2_message_hex), NEGOTIATE and SESSION_SETUP left out.</summary>
    public static IReadOnlyList<SeedFrame> LoadCaptures(string directory)
    {
        var seeds = new List<SeedFrame>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.frames.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var columns = line.Split('\t');
                if (columns.Length < 4 || columns[2] != "c2s")
                {
                    continue;
                }
                var packet = Convert.FromHexString(columns[3]);
                if (packet.Length < Smb2Header.Size || packet[0] != 0xFE)
                {
                    continue;
                }
                var command = RequestLayout.Command(packet, 0);
                if (command is Smb2Command.Negotiate or Smb2Command.SessionSetup)
                {
                    continue;
                }
                seeds.Add(new SeedFrame(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}#{columns[0]} {command}"), packet));
            }
        }
        return seeds;
    }

    /// <summary>
    /// The request frames the suite recorded in its run files (<c>run-*.json</c> in <paramref name="directory"/>:
    /// every sent SMB2 frame of every scenario that carries its connections; a run with
    /// CONFORMANCE_CAPTURE_ALL=1 keeps them for every scenario), NEGOTIATE and SESSION_SETUP left out.
    /// </summary>
    public static IReadOnlyList<SeedFrame> LoadRunFiles(string directory)
    {
        var seeds = new List<SeedFrame>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "run-*.json").Order(StringComparer.Ordinal))
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file));
            if (!document.RootElement.TryGetProperty("scenarios", out var scenarios))
            {
                continue;
            }
            foreach (var scenario in scenarios.EnumerateArray())
            {
                if (!scenario.TryGetProperty("connections", out var connections) || connections.ValueKind != System.Text.Json.JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var frame in connections.EnumerateArray().SelectMany(connection => connection.GetProperty("frames").EnumerateArray()))
                {
                    if (frame.GetProperty("direction").GetString() != "sent" || frame.GetProperty("unframed").GetBoolean()
                        || frame.GetProperty("hex").GetString() is not { Length: >= 2 * Smb2Header.Size } hex || !hex.StartsWith("FE534D42", StringComparison.OrdinalIgnoreCase) || !seen.Add(hex))
                    {
                        continue;
                    }
                    var packet = Convert.FromHexString(hex);
                    var command = RequestLayout.Command(packet, 0);
                    if (command is not (Smb2Command.Negotiate or Smb2Command.SessionSetup))
                    {
                        seeds.Add(new SeedFrame($"{scenario.GetProperty("id").GetString()} {command}", packet));
                    }
                }
            }
        }
        return seeds;
    }

    /// <summary>Runs the template session against the server at <paramref name="port"/> and returns every request frame it sent after TREE_CONNECT.</summary>
    public static async Task<IReadOnlyList<SeedFrame>> RecordTemplateAsync(int port, NtlmCredential credential, string share, CancellationToken cancellationToken)
    {
        var recorder = new FrameRecorder();
        var options = new Smb2ClientOptions { Connection = new ConnectionOptions { Recorder = recorder }, ShareName = share };
        await using var client = await Smb2ClientFactory.ConnectAsync("127.0.0.1", port, credential, options, cancellationToken);
        var from = recorder.Frames.Count;
        await TemplateSession.RunAsync(client, cancellationToken);
        return [.. recorder.Frames.Skip(from)
            .Where(frame => frame.Direction == FrameDirection.Sent && !frame.Unframed && frame.Bytes.Length >= Smb2Header.Size && frame.Bytes.Span[0] == 0xFE)
            .Select(frame => new SeedFrame($"template {Describe(frame.Bytes.Span)}", frame.Bytes.ToArray()))];
    }

    private static string Describe(ReadOnlySpan<byte> packet)
    {
        var commands = new List<Smb2Command>();
        foreach (var start in RequestLayout.MessageStarts(packet))
        {
            commands.Add(RequestLayout.Command(packet, start));
        }
        return string.Join("+", commands);
    }
}
