namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10).</summary>
public sealed class CreateRequestLeaseV2 : LeaseContextV2
{
    internal static CreateRequestLeaseV2 ReadData(ReadOnlySpan<byte> data) => ReadData<CreateRequestLeaseV2>(data);
}
