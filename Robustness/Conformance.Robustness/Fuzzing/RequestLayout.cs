using System.Buffers.Binary;
using Conformance.Adapters.Wire;

namespace Conformance.Robustness.Fuzzing;

/// <summary>
/// Where the fields a session-aware mutation rewrites sit in a request: the SMB2 header of 2.2.1
/// (sync form: TreeId at 36, SessionId at 40, Signature at 48) and the FileId of each request body
/// that names an open (2.2.15 to 2.2.39, counted from the end of the 64-byte header).
/// </summary>
public static class RequestLayout
{
    public const int CreditChargeOffset = 6;
    public const int CommandOffset = 12;
    public const int CreditRequestOffset = 14;
    public const int FlagsOffset = 16;
    public const int NextCommandOffset = 20;
    public const int MessageIdOffset = 24;
    public const int TreeIdOffset = 36;
    public const int SessionIdOffset = 40;
    public const int SignatureOffset = 48;

    /// <summary>The FileId's offset within the body of <paramref name="command"/>'s request; null when it names none.</summary>
    public static int? FileIdOffset(Smb2Command command) => command switch
    {
        Smb2Command.Close or Smb2Command.Flush or Smb2Command.Lock or Smb2Command.Ioctl or Smb2Command.QueryDirectory
            or Smb2Command.ChangeNotify or Smb2Command.OplockBreak => 8,
        Smb2Command.Read or Smb2Command.Write or Smb2Command.SetInfo => 16,
        Smb2Command.QueryInfo => 24,
        _ => null,
    };

    /// <summary>The start of each message of a compound, following NextCommand while it stays inside the packet.</summary>
    public static List<int> MessageStarts(ReadOnlySpan<byte> packet)
    {
        var starts = new List<int>();
        var offset = 0;
        while (offset + Smb2Header.Size <= packet.Length && starts.Count < 64)
        {
            starts.Add(offset);
            var next = BinaryPrimitives.ReadUInt32LittleEndian(packet[(offset + NextCommandOffset)..]);
            if (next == 0 || next > (uint)(packet.Length - offset))
            {
                break;
            }
            offset += (int)next;
        }
        return starts;
    }

    public static Smb2Command Command(ReadOnlySpan<byte> packet, int start) =>
        (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(packet[(start + CommandOffset)..]);
}
