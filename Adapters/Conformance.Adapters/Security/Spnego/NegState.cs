namespace Conformance.Adapters.Security.Spnego;

/// <summary>negState of a NegTokenResp (RFC 4178 4.2.2).</summary>
public enum NegState
{
    AcceptCompleted = 0,
    AcceptIncomplete = 1,
    Reject = 2,
    RequestMic = 3,
}
