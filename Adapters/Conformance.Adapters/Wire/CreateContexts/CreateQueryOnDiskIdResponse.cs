namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_QUERY_ON_DISK_ID, "QFid" in a response (2.2.14.2.9).</summary>
public sealed class CreateQueryOnDiskIdResponse : CreateContext
{
    public const int Length = 32;
    private const int ReservedLength = 16;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.QueryOnDiskId;
    public override int DataSize => Length;

    public ulong DiskFileId { get; set; }
    public ulong VolumeId { get; set; }

    /// <summary>16 reserved bytes; a shorter value is zero-filled, a longer one cut.</summary>
    public ReadOnlyMemory<byte> Reserved2 { get; set; } = new byte[ReservedLength];

    protected override void WriteData(Span<byte> destination)
    {
        destination.U64(0, DiskFileId);
        destination.U64(8, VolumeId);
        var reserved = destination.Slice(16, ReservedLength);
        reserved.Clear();
        Reserved2.Span[..Math.Min(ReservedLength, Reserved2.Length)].CopyTo(reserved);
    }

    internal static CreateQueryOnDiskIdResponse ReadData(ReadOnlyMemory<byte> data) => new()
    {
        DiskFileId = data.Span.U64(0),
        VolumeId = data.Span.U64(8),
        Reserved2 = data.Slice(16, ReservedLength),
    };
}
