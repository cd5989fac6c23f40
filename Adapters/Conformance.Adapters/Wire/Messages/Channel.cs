namespace Conformance.Adapters.Wire.Messages;

/// <summary>Channel of the READ and WRITE Requests (2.2.19, 2.2.21; reserved in 2.0.2 and 2.1).</summary>
public enum Channel : uint
{
    None = 0,
    RdmaV1 = 1,
    RdmaV1Invalidate = 2,
}
