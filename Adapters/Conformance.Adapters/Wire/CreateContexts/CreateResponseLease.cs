namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>SMB2_CREATE_RESPONSE_LEASE (2.2.14.2.10).</summary>
public sealed class CreateResponseLease : LeaseContext
{
    internal static CreateResponseLease ReadData(ReadOnlySpan<byte> data) => ReadData<CreateResponseLease>(data);
}
