namespace Conformance.Robustness.Fuzzing;

/// <summary>What the fuzzer counts as a server bug.</summary>
public enum FindingKind
{
    /// <summary>A handler threw: the server recorded a ServerFault and answered STATUS_INTERNAL_ERROR.</summary>
    ServerFault,

    /// <summary>Neither an answer to the ECHO behind the frame nor a disconnect within the probe timeout.</summary>
    Hang,

    /// <summary>A frame from the server that is not a well-formed SMB2 response (or compound, or TRANSFORM_HEADER of one).</summary>
    MalformedResponse,

    /// <summary>The managed heap grew past the bound over the run.</summary>
    MemoryGrowth,
}
