using Conformance.Adapters.Wire.Messages;

namespace Conformance.ReferenceServer.Processing;

/// <summary>Generic rights mapped to file rights (MS-FSA 2.1.5.1.2, MS-DTYP 2.4.3 for files).</summary>
internal static class AccessMasks
{
    public const AccessMask FileAllAccess = (AccessMask)0x001F01FF;
    private const AccessMask FileGenericRead = (AccessMask)0x00120089;
    private const AccessMask FileGenericWrite = (AccessMask)0x00120116;
    private const AccessMask FileGenericExecute = (AccessMask)0x001200A0;

    public static AccessMask Map(AccessMask desired)
    {
        var mapped = desired & FileAllAccess;
        if ((desired & AccessMask.GenericRead) != 0)
        {
            mapped |= FileGenericRead;
        }
        if ((desired & AccessMask.GenericWrite) != 0)
        {
            mapped |= FileGenericWrite;
        }
        if ((desired & AccessMask.GenericExecute) != 0)
        {
            mapped |= FileGenericExecute;
        }
        if ((desired & (AccessMask.GenericAll | AccessMask.MaximumAllowed)) != 0)
        {
            mapped |= FileAllAccess;
        }
        return mapped;
    }
}
