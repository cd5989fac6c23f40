namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_QUERY_ON_DISK_ID, "QFid" in a request (2.2.13.2.9): no data.</summary>
public sealed class CreateQueryOnDiskIdRequest : CreateContext
{
    public override ReadOnlyMemory<byte> Name => CreateContextNames.QueryOnDiskId;
    public override int DataSize => 0;

    protected override void WriteData(Span<byte> destination)
    {
    }
}
