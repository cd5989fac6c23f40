using System.Text;

namespace Conformance.ReferenceServer.Storage;

/// <summary>A volume serial number derived from a stable string (FNV-1a over its UTF-8 bytes), the same on every run.</summary>
public static class VolumeSerialNumber
{
    public static uint From(string seed)
    {
        uint hash = 2166136261;
        foreach (byte value in Encoding.UTF8.GetBytes(seed))
        {
            hash = (hash ^ value) * 16777619;
        }

        return hash;
    }
}
