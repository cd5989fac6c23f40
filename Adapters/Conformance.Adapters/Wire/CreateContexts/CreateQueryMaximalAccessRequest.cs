namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_QUERY_MAXIMAL_ACCESS_REQUEST, "MxAc" in a request (2.2.13.2.5): empty, or a FILETIME.</summary>
public sealed class CreateQueryMaximalAccessRequest : CreateContext
{
    public const int TimestampLength = 8;

    public override ReadOnlyMemory<byte> Name => CreateContextNames.QueryMaximalAccess;
    public override int DataSize => Timestamp is null ? 0 : TimestampLength;

    /// <summary>FILETIME (MS-DTYP 2.3.3); null sends no data.</summary>
    public ulong? Timestamp { get; set; }

    protected override void WriteData(Span<byte> destination) => destination.U64(0, Timestamp ?? 0);

    internal static CreateQueryMaximalAccessRequest ReadData(ReadOnlySpan<byte> data) =>
        new() { Timestamp = data.Length == 0 ? null : data.U64(0) };
}
