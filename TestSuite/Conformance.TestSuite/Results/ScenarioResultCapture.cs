using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Reports.Model;
using Conformance.Scenarios;
using FrameDirection = Conformance.Reports.Model.FrameDirection;

namespace Conformance.TestSuite.Results;

/// <summary>A scenario's result from its descriptor, outcome, times and the connections it opened.</summary>
public static class ScenarioResultCapture
{
    public static ScenarioResult From(ScenarioDescriptor scenario, ScenarioOutcome outcome, ScenarioContext context, string targetLabel, DateTimeOffset start, DateTimeOffset stop) => new()
    {
        Id = scenario.Id,
        Family = scenario.Family,
        Clauses = scenario.Clauses,
        Requirements = scenario.Requirements,
        Title = scenario.Title,
        Verdict = outcome.Verdict,
        Message = outcome.Message,
        Failure = outcome.Failure,
        Trace = outcome.Exception?.ToString(),
        Start = start,
        Stop = stop,
        Target = targetLabel,
        Dialect = context.Connections.Select(connection => connection.Dialect).Where(dialect => dialect is not null).Max()?.ToDisplayString(),
        Observations = context.Observations.ToList(),
        Connections = context.Connections.Select((connection, index) => Record(index + 1, connection)).ToList(),
    };

    /// <summary>The scenario's connections as the frame recorders saw them, one stream each, for <see cref="PcapWriter"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<RecordedFrame>> Streams(ScenarioResult result) =>
        result.Connections.Select(connection => (IReadOnlyList<RecordedFrame>)connection.Frames.Select(frame => new RecordedFrame(
            frame.Sequence, frame.Time.UtcDateTime, 0,
            frame.Direction == FrameDirection.Sent ? Adapters.Transport.FrameDirection.Sent : Adapters.Transport.FrameDirection.Received,
            frame.Unframed, connection.Description, Convert.FromHexString(frame.Hex))
        { Length = frame.Length }).ToList()).ToList();

    private static ConnectionRecord Record(int number, Connection connection) => new(
        number,
        connection.Transport.Connection,
        connection.Dialect?.ToDisplayString(),
        connection.Recorder.Frames.Select(frame => new FrameRecord(
            frame.Sequence,
            new DateTimeOffset(frame.UtcTimestamp, TimeSpan.Zero),
            frame.Direction == Adapters.Transport.FrameDirection.Sent ? FrameDirection.Sent : FrameDirection.Received,
            frame.Unframed,
            Summary(frame),
            Convert.ToHexString(frame.Bytes.Span))
        { OriginalLength = frame.IsTruncated ? frame.Length : null }).ToList());

    /// <summary>The SMB2 headers a frame carries; a raw (unframed) frame is read past its 4-byte Direct TCP header.</summary>
    private static string Summary(RecordedFrame frame)
    {
        var bytes = frame.Unframed && frame.Bytes.Length > DirectTcpHeader.Size ? frame.Bytes[DirectTcpHeader.Size..] : frame.Bytes;
        try
        {
            return Connection.DescribeFrame(bytes);
        }
#pragma warning disable CA1031 // a summary must never cost the result
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"(summary failed: {e.Message})";
        }
    }
}
