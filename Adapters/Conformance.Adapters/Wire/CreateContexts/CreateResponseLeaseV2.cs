namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_RESPONSE_LEASE_V2 (2.2.14.2.11).</summary>
public sealed class CreateResponseLeaseV2 : LeaseContextV2
{
    internal static CreateResponseLeaseV2 ReadData(ReadOnlySpan<byte> data) => ReadData<CreateResponseLeaseV2>(data);
}
