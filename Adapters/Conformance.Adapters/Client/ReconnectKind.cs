namespace Conformance.Adapters.Client;

/// <summary>Which durable handle reconnect context a reestablishment (3.2.4.4) carries.</summary>
public enum ReconnectKind
{
    /// <summary>SMB2_CREATE_DURABLE_HANDLE_RECONNECT, "DHnC" (2.2.13.2.4): the FileId.</summary>
    DurableV1,

    /// <summary>SMB2_CREATE_DURABLE_HANDLE_RECONNECT_V2, "DH2C" (2.2.13.2.12): FileId, CreateGuid and the persistent flag.</summary>
    DurableV2,
}
