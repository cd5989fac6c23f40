using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Security.Ntlm;

/// <summary>The 8-byte VERSION structure (MS-NLMP 2.2.2.10).</summary>
public sealed record NtlmVersion(byte ProductMajorVersion, byte ProductMinorVersion, ushort ProductBuild, byte NtlmRevisionCurrent = NtlmVersion.NtlmSspRevisionW2K3)
{
    public const int Size = 8;

    /// <summary>NTLMSSP_REVISION_W2K3: the only revision the spec defines.</summary>
    public const byte NtlmSspRevisionW2K3 = 0x0F;

    /// <summary>Reserved (3 bytes), kept so a decoded version re-encodes faithfully.</summary>
    public uint Reserved { get; init; }

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = ProductMajorVersion;
        destination[1] = ProductMinorVersion;
        destination.U16(2, ProductBuild);
        destination[4] = (byte)Reserved;
        destination[5] = (byte)(Reserved >> 8);
        destination[6] = (byte)(Reserved >> 16);
        destination[7] = NtlmRevisionCurrent;
    }

    public static NtlmVersion Read(ReadOnlySpan<byte> source) =>
        new(source[0], source[1], source.U16(2), source[7]) { Reserved = (uint)(source[4] | source[5] << 8 | source[6] << 16) };

    public override string ToString() => $"{ProductMajorVersion}.{ProductMinorVersion}.{ProductBuild} rev {NtlmRevisionCurrent}";
}
