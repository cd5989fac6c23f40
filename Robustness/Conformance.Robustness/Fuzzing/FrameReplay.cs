using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// Replays frames a fuzz run reported, in order, in a fresh session of a fresh reference server
/// (each bound to the session as the fuzzer binds seeds), and says what went wrong: server faults,
/// malformed responses, a hang. The regression tests of the fuzzer's findings use it.
/// </summary>
public static class FrameReplay
{
    private static readonly TimeSpan SettleWait = TimeSpan.FromMilliseconds(200);

    /// <summary>The problems met (empty when none) and every frame the server sent that nothing claimed, in order.</summary>
    public static async Task<(IReadOnlyList<string> Problems, IReadOnlyList<byte[]> Responses)> RunAsync(IReadOnlyList<byte[]> frames, string share, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var responses = new List<byte[]>();
        await using var host = await ReferenceServerHost.StartAsync(new ServerConfiguration(), cancellationToken);
        var options = new ConnectionOptions { ResponseTimeout = TimeSpan.FromSeconds(5) };
        await using var session = await LiveSession.StartAsync(host.Port, new NtlmCredential(null, ServerConfiguration.DefaultUser, ServerConfiguration.DefaultPassword), share, options, cancellationToken);
        foreach (var frame in frames)
        {
            var bound = session.Bind(frame) ?? throw new InvalidOperationException("no credits left to replay the frames");
            await session.Connection.SendRawAsync(session.Encrypts ? session.Encrypt(bound) : bound, cancellationToken: cancellationToken);
            try
            {
                await session.Connection.EchoAsync(session.Client.Session, cancellationToken);
            }
            catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ResponseTimeout && session.Connection.IsOpen)
            {
                problems.Add($"hang: no answer to the ECHO behind frame {responses.Count} and no disconnect within 5 s");
            }
            catch (Smb2ClientException e) when (e.Kind == ClientErrorKind.ConnectionLost)
            {
                break;
            }
        }
        await Task.Delay(SettleWait, cancellationToken);
        while (true)
        {
            try
            {
                var frame = await session.Connection.ReceiveRawAsync(TimeSpan.FromMilliseconds(1), cancellationToken);
                responses.Add(frame.ToArray());
                if (session.WhatIsWrongWith(frame) is { } wrong)
                {
                    problems.Add($"malformed response: {wrong}");
                }
            }
            catch (Smb2ClientException)
            {
                break;
            }
        }
        problems.AddRange(host.Faults.Select(fault => $"server fault: {fault}"));
        return (problems, responses);
    }
}
