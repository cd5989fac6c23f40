namespace Conformance.Reports.Model;

public enum FrameDirection
{
    Sent,
    Received,
}
