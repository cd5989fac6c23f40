using Conformance.Robustness.Fuzzing;

namespace Conformance.Robustness.Tests;

/// <summary>
/// Every bug the fuzzer found, replayed with its frames (bound to a fresh session the way the fuzzer
/// binds seeds: SessionId, TreeId, FileIds and MessageIds are rewritten).
/// </summary>
public class FuzzRegressionTests
{
    /// <summary>CHANGE_NOTIFY (2.2.35): StructureSize 32, Flags 0, OutputBufferLength 4096, FileId (the session's directory), CompletionFilter 0x17.</summary>
    public const string ChangeNotifyRequest =
        "FE534D42" + "4000" + "0100" + "00000000" + "0F00" + "0100" + "00000000" + "00000000" + "0000000000000000" + "00000000" + "01000000" + "0000000000000000" + "00000000000000000000000000000000" +
        "2000" + "0000" + "00100000" + "00000000000000000000000000000000" + "17000000" + "00000000";

    /// <summary>TREE_DISCONNECT (2.2.11): StructureSize 4, Reserved 0.</summary>
    public const string TreeDisconnectRequest =
        "FE534D42" + "4000" + "0100" + "00000000" + "0400" + "0100" + "00000000" + "00000000" + "0000000000000000" + "00000000" + "01000000" + "0000000000000000" + "00000000000000000000000000000000" +
        "0400" + "0000";

    /// <summary>
    /// Found by <c>fuzz</c> (seed 1, 20 s): a pending CHANGE_NOTIFY whose directory was closed under it
    /// (here by TREE_DISCONNECT) was completed with STATUS_NOTIFY_CLEANUP in an 8-byte body, where an
    /// ERROR Response with ByteCount 0 must carry one ErrorData byte (2.2.2). Now the 9-byte ERROR Response.
    /// </summary>
    [Test]
    public async Task NotifyCleanupAfterTheDirectoryClosesIsAWellFormedResponse()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (problems, responses) = await FrameReplay.RunAsync([Convert.FromHexString(ChangeNotifyRequest), Convert.FromHexString(TreeDisconnectRequest)], "conf", bound.Token);

        Assert.That(problems, Is.Empty);
        var cleanup = responses.Single(frame => BitConverter.ToUInt32(frame, 8) == 0x0000010B);
        Assert.That(Convert.ToHexString(cleanup.AsSpan(64)), Is.EqualTo("090000000000000000"), "StructureSize 9, ErrorContextCount 0, Reserved 0, ByteCount 0, one ErrorData byte 0");
    }
}
