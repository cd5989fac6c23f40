using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_QUERY_MAXIMAL_ACCESS_RESPONSE, "MxAc" in a response (2.2.14.2.5).</summary>
public sealed class CreateQueryMaximalAccessResponse : CreateContext
{
    public const int Length = 8;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.QueryMaximalAccess;
    public override int DataSize => Length;

    /// <summary>An NTSTATUS; <see cref="MaximalAccess"/> is valid only when it is STATUS_SUCCESS.</summary>
    public uint QueryStatus { get; set; }
    public AccessMask MaximalAccess { get; set; }

    protected override void WriteData(Span<byte> destination)
    {
        destination.U32(0, QueryStatus);
        destination.U32(4, (uint)MaximalAccess);
    }

    internal static CreateQueryMaximalAccessResponse ReadData(ReadOnlySpan<byte> data) =>
        new() { QueryStatus = data.U32(0), MaximalAccess = (AccessMask)data.U32(4) };
}
