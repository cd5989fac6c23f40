namespace Conformance.Adapters.Wire.Fsctl;

/// <summary>CtlCode values with SMB2-specific processing (2.2.31); others are in MS-FSCC 2.3.</summary>
public static class FsctlCode
{
    public const uint DfsGetReferrals = 0x00060194;
    public const uint PipePeek = 0x0011400C;
    public const uint PipeWait = 0x00110018;
    public const uint PipeTransceive = 0x0011C017;
    public const uint SrvCopychunk = 0x001440F2;
    public const uint SrvEnumerateSnapshots = 0x00144064;
    public const uint SrvRequestResumeKey = 0x00140078;
    public const uint SrvReadHash = 0x001441BB;
    public const uint SrvCopychunkWrite = 0x001480F2;
    public const uint LmrRequestResiliency = 0x001401D4;
    public const uint QueryNetworkInterfaceInfo = 0x001401FC;
    public const uint SetReparsePoint = 0x000900A4;
    public const uint DfsGetReferralsEx = 0x000601B0;
    public const uint FileLevelTrim = 0x00098208;
    public const uint ValidateNegotiateInfo = 0x00140204;

    /// <summary>The spec's name for a code ("FSCTL_VALIDATE_NEGOTIATE_INFO"), or its hex value.</summary>
    public static string NameOf(uint ctlCode) => ctlCode switch
    {
        DfsGetReferrals => "FSCTL_DFS_GET_REFERRALS",
        PipePeek => "FSCTL_PIPE_PEEK",
        PipeWait => "FSCTL_PIPE_WAIT",
        PipeTransceive => "FSCTL_PIPE_TRANSCEIVE",
        SrvCopychunk => "FSCTL_SRV_COPYCHUNK",
        SrvEnumerateSnapshots => "FSCTL_SRV_ENUMERATE_SNAPSHOTS",
        SrvRequestResumeKey => "FSCTL_SRV_REQUEST_RESUME_KEY",
        SrvReadHash => "FSCTL_SRV_READ_HASH",
        SrvCopychunkWrite => "FSCTL_SRV_COPYCHUNK_WRITE",
        LmrRequestResiliency => "FSCTL_LMR_REQUEST_RESILIENCY",
        QueryNetworkInterfaceInfo => "FSCTL_QUERY_NETWORK_INTERFACE_INFO",
        SetReparsePoint => "FSCTL_SET_REPARSE_POINT",
        DfsGetReferralsEx => "FSCTL_DFS_GET_REFERRALS_EX",
        FileLevelTrim => "FSCTL_FILE_LEVEL_TRIM",
        ValidateNegotiateInfo => "FSCTL_VALIDATE_NEGOTIATE_INFO",
        _ => $"0x{ctlCode:X8}",
    };
}
