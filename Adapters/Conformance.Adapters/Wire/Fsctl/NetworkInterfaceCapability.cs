namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>The Capability field of NETWORK_INTERFACE_INFO (2.2.32.5).</summary>
[Flags]
public enum NetworkInterfaceCapability : uint
{
    None = 0,
    RssCapable = 0x00000001,
    RdmaCapable = 0x00000002,
}
