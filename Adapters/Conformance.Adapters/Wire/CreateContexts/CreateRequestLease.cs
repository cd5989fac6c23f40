namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_REQUEST_LEASE (2.2.13.2.8).</summary>
public sealed class CreateRequestLease : LeaseContext
{
    internal static CreateRequestLease ReadData(ReadOnlySpan<byte> data) => ReadData<CreateRequestLease>(data);
}
