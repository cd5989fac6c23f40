namespace Conformance.Adapters.Transport;

public enum FrameDirection
{
    Sent,
    Received,
}
