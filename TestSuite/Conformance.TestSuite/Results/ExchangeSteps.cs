using Conformance.Adapters.Client;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Reports.Model;
using FrameDirection = Conformance.Reports.Model.FrameDirection;

namespace Conformance.TestSuite.Results;

/// <summary>
/// The request/response exchanges of a scenario, from its recorded frames: each request message is a
/// step, closed by the responses with its MessageId (an interim STATUS_PENDING and the final one);
/// server notifications, encrypted frames and frames that are not SMB2 are steps of their own.
/// With several connections each step names its connection.
/// </summary>
public static class ExchangeSteps
{
    public static IReadOnlyList<ExchangeStep> Of(ScenarioResult result)
    {
        var steps = new List<(ExchangeStep Step, long Order)>();
        var order = 0L;
        foreach (var connection in result.Connections)
        {
            var prefix = result.Connections.Count > 1 ? $"[{connection.Number}] " : "";
            var pending = new Dictionary<ulong, int>();
            foreach (var frame in connection.Frames)
            {
                var bytes = Convert.FromHexString(frame.Hex).AsMemory();
                if (frame.Unframed && bytes.Length > DirectTcpHeader.Size)
                {
                    bytes = bytes[DirectTcpHeader.Size..];
                }
                var side = frame.Direction == FrameDirection.Sent ? "C" : "R";
                var isSmb2 = bytes.Length >= 4 && bytes.Span[0] == 0xFE;
                var split = isSmb2 ? Smb2Compound.Split(bytes) : (DecodeResult<IReadOnlyList<MessageSlice>>?)null;
                if (split is not { IsSuccess: true } decoded)
                {
                    steps.Add((new ExchangeStep($"{prefix}{side} {Connection.DescribeFrame(bytes)}", frame.Time, frame.Time), order++));
                    continue;
                }
                foreach (var header in decoded.Value!.Select(slice => slice.Header))
                {
                    if (!header.IsResponse)
                    {
                        pending[header.MessageId] = steps.Count;
                        steps.Add((new ExchangeStep($"{prefix}C {header.Command} MID={header.MessageId}", frame.Time, frame.Time), order++));
                    }
                    else if (header.MessageId != Connection.UnsolicitedMessageId && pending.TryGetValue(header.MessageId, out var index))
                    {
                        var (step, stepOrder) = steps[index];
                        steps[index] = (step with { Name = $"{step.Name} → R {header.Command} {StatusName(header.Status)}", Stop = frame.Time }, stepOrder);
                    }
                    else
                    {
                        var what = header.MessageId == Connection.UnsolicitedMessageId ? "notification" : $"MID={header.MessageId}, no request seen";
                        steps.Add((new ExchangeStep($"{prefix}R {header.Command} {StatusName(header.Status)} ({what})", frame.Time, frame.Time), order++));
                    }
                }
            }
        }
        return steps.OrderBy(step => step.Step.Start).ThenBy(step => step.Order).Select(step => step.Step).ToList();
    }

    /// <summary>"STATUS_SUCCESS" for a known status, its hex otherwise.</summary>
    public static string StatusName(uint status)
    {
        var described = NtStatus.Describe(status);
        var open = described.IndexOf(" (0x", StringComparison.Ordinal);
        return open > 0 ? described[..open] : described;
    }
}
