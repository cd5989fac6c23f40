namespace Conformance.Adapters.Wire.CreateContexts;

/// <summary>The create context names of 2.2.13.2 and 2.2.14.2, as their octets go on the wire (network byte order).</summary>
public static class CreateContextNames
{
    public static readonly ReadOnlyMemory<byte> ExtendedAttributeBuffer = "ExtA"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> SecurityDescriptorBuffer = "SecD"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> DurableHandleRequest = "DHnQ"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> DurableHandleReconnect = "DHnC"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> AllocationSize = "AlSi"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> QueryMaximalAccess = "MxAc"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> TimewarpToken = "TWrp"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> QueryOnDiskId = "QFid"u8.ToArray();

    /// <summary>SMB2_CREATE_REQUEST_LEASE and _V2 share it; DataLength (32 or 52) tells them apart.</summary>
    public static readonly ReadOnlyMemory<byte> RequestLease = "RqLs"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> DurableHandleRequestV2 = "DH2Q"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> DurableHandleReconnectV2 = "DH2C"u8.ToArray();

    /// <summary>0x45BCA66AEFA7F74A9008FA462E144D74 (2.2.13.2).</summary>
    public static readonly ReadOnlyMemory<byte> AppInstanceId = Convert.FromHexString("45BCA66AEFA7F74A9008FA462E144D74");

    /// <summary>0x9CCBCF9E04C1E643980E158DA1F6EC83 (2.2.13.2; MS-RSVD 2.2.4.12).</summary>
    public static readonly ReadOnlyMemory<byte> SvhdxOpenDeviceContext = Convert.FromHexString("9CCBCF9E04C1E643980E158DA1F6EC83");
}
