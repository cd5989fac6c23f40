using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// The one security descriptor this server reports (MS-DTYP 2.4.6, self-relative): owner and group
/// Everyone (S-1-1-0) and a DACL granting Everyone full file access, each present when asked for.
/// </summary>
internal static class SecurityDescriptors
{
    private const ushort SelfRelative = 0x8000;
    private const ushort DaclPresent = 0x0004;
    private static readonly byte[] Everyone = [1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0];

    public static byte[] For(SecurityInformation requested)
    {
        var owner = (requested & SecurityInformation.Owner) != 0;
        var group = (requested & SecurityInformation.Group) != 0;
        var dacl = (requested & SecurityInformation.Dacl) != 0;
        const int headerLength = 20;
        const int aceLength = 8 + 12;
        const int aclLength = 8 + aceLength;
        var length = headerLength + (owner ? Everyone.Length : 0) + (group ? Everyone.Length : 0) + (dacl ? aclLength : 0);
        var descriptor = new byte[length];
        Span<byte> span = descriptor;
        span.U8(0, 1);
        span.U16(2, (ushort)(SelfRelative | (dacl ? DaclPresent : 0)));
        var position = headerLength;
        if (owner)
        {
            span.U32(4, (uint)position);
            span.Bytes(position, Everyone);
            position += Everyone.Length;
        }
        if (group)
        {
            span.U32(8, (uint)position);
            span.Bytes(position, Everyone);
            position += Everyone.Length;
        }
        if (dacl)
        {
            span.U32(16, (uint)position);
            span.U8(position, 2);
            span.U16(position + 2, aclLength);
            span.U16(position + 4, 1);
            var ace = position + 8;
            span.U8(ace, 0);
            span.U8(ace + 1, 0);
            span.U16(ace + 2, aceLength);
            span.U32(ace + 4, (uint)AccessMasks.FileAllAccess);
            span.Bytes(ace + 8, Everyone);
        }
        return descriptor;
    }
}
