using System.Buffers.Binary;
using Conformance.Reports.Model;
using Conformance.Scenarios.Requirements;

namespace Conformance.Reports.Tests;

/// <summary>Run files made up for the tests: scenarios with chosen verdicts, clauses and SMB2 frames.</summary>
public static class SyntheticRuns
{
    public static readonly DateTimeOffset Origin = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static RunResult Run(string label, DateTimeOffset started, params ScenarioResult[] scenarios) => new()
    {
        Target = new TargetIdentity { Label = label, Name = $"{label} server", Host = "192.0.2.1", Port = 445, Share = "share", Dialects = ["2.0.2", "3.1.1"], HighestDialect = "3.1.1" },
        Started = started,
        Finished = started.AddSeconds(5),
        Scenarios = scenarios,
        ClauseTitles = new Dictionary<string, string> { ["3.3.5.4"] = "Receiving an SMB2 NEGOTIATE Request" },
    };

    public static ScenarioResult Scenario(string id, Verdict verdict, string[] clauses, string target = "samba", bool withFrames = false, string[]? requirements = null) => new()
    {
        Id = id,
        Family = id.Split('.')[0],
        Clauses = clauses,
        Requirements = requirements ?? [],
        Title = $"title of {id}",
        Verdict = verdict,
        Message = verdict switch
        {
            Verdict.Failed => $"MS-SMB2 {clauses[0]}: DialectRevision\n  expected: 3.1.1\n  actual:   2.0.2",
            Verdict.Inconclusive => "needs dialect 3.1.1",
            Verdict.Broken => "InvalidOperationException: boom",
            _ => null,
        },
        Failure = verdict == Verdict.Failed ? new FailureDetail(clauses[0], null, "DialectRevision", "3.1.1", "2.0.2") : null,
        Start = Origin,
        Stop = Origin.AddMilliseconds(12),
        Target = target,
        Dialect = "3.1.1",
        Connections = withFrames ? [NegotiateConnection()] : [],
    };

    /// <summary>
    /// A requirement catalog made up for the coverage figures: 3.3.5.4 has three testable MUST / MUST NOT
    /// statements (#01, #02, #05), a testable SHOULD (#03) and an untestable MUST (#04); 3.3.5.5 has two
    /// testable MUSTs; 3.3.5.6 has only a MAY.
    /// </summary>
    public static RequirementCatalog Catalog() => RequirementCatalog.Parse(
        "id\tclause\tlevel\ttestable\treason\tsummary\tsource\tline\n" +
        "3.3.5.4#01\t3.3.5.4\tMUST\tyes\t\tThe server picks a dialect the client offered.\tMS-SMB2.txt\t10\n" +
        "3.3.5.4#02\t3.3.5.4\tMUST NOT\tyes\t\tThe server does not answer an empty dialect list with success.\tMS-SMB2.txt\t11\n" +
        "3.3.5.4#03\t3.3.5.4\tSHOULD\tyes\t\tThe server should announce large MTU.\tMS-SMB2.txt\t12\n" +
        "3.3.5.4#04\t3.3.5.4\tMUST\tno\tinternal state: a counter\tThe server keeps its state internally.\tMS-SMB2.txt\t13\n" +
        "3.3.5.4#05\t3.3.5.4\tMUST\tyes\t\tThe server sets SecurityMode <signing> & <check>.\tMS-SMB2.txt\t14\n" +
        "3.3.5.5#01\t3.3.5.5\tMUST\tyes\t\tThe server rejects an unknown session.\tMS-SMB2.txt\t20\n" +
        "3.3.5.5#02\t3.3.5.5\tMUST\tyes\t\tThe server answers the first leg with MORE_PROCESSING_REQUIRED.\tMS-SMB2.txt\t21\n" +
        "3.3.5.6#01\t3.3.5.6\tMAY\tyes\t\tThe server may log off.\tMS-SMB2.txt\t30\n",
        "clause\ttitle\tsource\n" +
        "3.3.5.4\tReceiving an SMB2 NEGOTIATE Request\tMS-SMB2.txt\n" +
        "3.3.5.5\tReceiving an SMB2 SESSION_SETUP Request\tMS-SMB2.txt\n" +
        "3.3.5.6\tReceiving an SMB2 LOGOFF Request\tMS-SMB2.txt\n");

    /// <summary>The clauses of <see cref="Catalog"/>, deliberately out of specification order.</summary>
    public static readonly string[] CatalogScope = ["3.3.5.5", "3.3.5.6", "3.3.5.4"];

    /// <summary>A NEGOTIATE request (MessageId 0) and its response with STATUS_SUCCESS, as 64-byte SMB2 headers with a 2-byte body.</summary>
    public static ConnectionRecord NegotiateConnection() => new(1, "127.0.0.1:50000 -> 127.0.0.1:445", "3.1.1",
    [
        new FrameRecord(0, Origin, FrameDirection.Sent, false, "C Negotiate MID=0 TID=0x0 SID=0x0", Convert.ToHexString(Header(response: false, messageId: 0, status: 0))),
        new FrameRecord(1, Origin.AddMilliseconds(3), FrameDirection.Received, false, "R Negotiate MID=0 TID=0x0 SID=0x0 Status=STATUS_SUCCESS (0x00000000)", Convert.ToHexString(Header(response: true, messageId: 0, status: 0))),
    ]);

    public static byte[] Header(bool response, ulong messageId, uint status, ushort command = 0)
    {
        var bytes = new byte[66];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0xFE534D42);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 64);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), status);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), command);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), response ? 1u : 0u);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), messageId);
        return bytes;
    }

    /// <summary>A fresh directory under the system temp directory, removed by <see cref="IDisposable.Dispose"/>.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"conformance-reports-{Guid.NewGuid():N}");

        public TempDirectory() => Directory.CreateDirectory(Path);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string Write(RunResult run)
        {
            var path = File(RunFile.FileName(run.Target.Label, run.Started));
            RunFile.Write(path, run);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
