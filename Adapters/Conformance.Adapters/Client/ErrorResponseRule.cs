using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Client;

/// <summary>
/// Whether a response body is the command's own response or an SMB2 ERROR Response (2.2.2). The ERROR
/// Response has StructureSize 9; a command whose own response is not 9 bytes answers with it on error.
/// SESSION_SETUP, QUERY_DIRECTORY, CHANGE_NOTIFY and QUERY_INFO responses are 9 too: for them the
/// Status decides: success-class statuses (STATUS_NOTIFY_ENUM_DIR among them), and the two that
/// 3.3.4.4 says are not failures for these commands (STATUS_MORE_PROCESSING_REQUIRED for
/// SESSION_SETUP, STATUS_BUFFER_OVERFLOW for QUERY_INFO), come with the command's own body; other
/// errors and warnings with the ERROR body.
/// </summary>
public static class ErrorResponseRule
{
    public const ushort ErrorResponseStructureSize = 9;

    /// <summary>The StructureSize of each command's own response (2.2.x); null for CANCEL, which has none.</summary>
    public static ushort? ResponseStructureSize(Smb2Command command) => command switch
    {
        Smb2Command.Negotiate => 65,
        Smb2Command.SessionSetup => 9,
        Smb2Command.Logoff => 4,
        Smb2Command.TreeConnect => 16,
        Smb2Command.TreeDisconnect => 4,
        Smb2Command.Create => 89,
        Smb2Command.Close => 60,
        Smb2Command.Flush => 4,
        Smb2Command.Read => 17,
        Smb2Command.Write => 17,
        Smb2Command.Lock => 4,
        Smb2Command.Ioctl => 49,
        Smb2Command.Echo => 4,
        Smb2Command.QueryDirectory => 9,
        Smb2Command.ChangeNotify => 9,
        Smb2Command.QueryInfo => 9,
        Smb2Command.SetInfo => 2,
        Smb2Command.OplockBreak => 24, // 44 for the lease forms; neither is 9
        _ => null,
    };

    /// <summary>True when the body of <paramref name="message"/> (header included) is to be read as an ERROR Response.</summary>
    public static bool IsErrorResponse(Smb2Header header, ReadOnlySpan<byte> message)
    {
        if (message.Length < Smb2Header.Size + 2 || message.U16(Smb2Header.Size) != ErrorResponseStructureSize)
        {
            return false;
        }
        if (ResponseStructureSize(header.Command) != ErrorResponseStructureSize)
        {
            return true;
        }
        var status = header.Status;
        if (status < 0x80000000)
        {
            return false; // success and informational severities carry the command's own body
        }
        return !(header.Command == Smb2Command.SessionSetup && status == NtStatus.MoreProcessingRequired)
            && !(header.Command == Smb2Command.QueryInfo && status == NtStatus.BufferOverflow);
    }
}
