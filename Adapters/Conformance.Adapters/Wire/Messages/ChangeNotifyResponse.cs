using Conformance.Adapters.Wire.InfoClasses;

namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 CHANGE_NOTIFY Response (2.2.36): OutputBufferOffset, OutputBufferLength and the buffer of FILE_NOTIFY_INFORMATION entries.
/// </summary>
public sealed class ChangeNotifyResponse : OutputBufferResponse, IMessageBody<ChangeNotifyResponse>
{
    private const string Name = "CHANGE_NOTIFY Response";
    private const string Clause = "2.2.36";

    public override Smb2Command Command => Smb2Command.ChangeNotify;

    public static DecodeResult<ChangeNotifyResponse> Read(ReadOnlyMemory<byte> message) => Read<ChangeNotifyResponse>(message, Name, Clause);

    /// <summary>Reads <see cref="OutputBuffer"/> as FILE_NOTIFY_INFORMATION entries, checking every NextEntryOffset.</summary>
    public DecodeResult<IReadOnlyList<FileNotifyInformation>> ReadNotifications() => ChainedEntries.Read<FileNotifyInformation>(OutputBuffer);

    /// <summary>A response carrying <paramref name="notifications"/>, chained and 4-byte aligned.</summary>
    public static ChangeNotifyResponse WithNotifications(IReadOnlyList<FileNotifyInformation> notifications) =>
        new() { OutputBuffer = ChainedEntries.Encode(notifications) };

    public override string ToString() => $"CHANGE_NOTIFY Response, {OutputBuffer.Length} bytes";
}
