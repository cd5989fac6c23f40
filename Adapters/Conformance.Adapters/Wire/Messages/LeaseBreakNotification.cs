namespace Conformance.Adapters.Wire.Messages;

/// <summary>SMB2 Lease Break Notification (2.2.23.2), StructureSize 44; not valid for 2.0.2.</summary>
public sealed class LeaseBreakNotification : IOplockBreakBody, IMessageBody<LeaseBreakNotification>
{
    private const string MessageName = "Lease Break Notification";
    private const string Clause = "2.2.23.2";
    public const ushort DefaultStructureSize = 44;
    public const int FixedLength = 44;

    public Smb2Command Command => Smb2Command.OplockBreak;
    public OplockBreakForm Form => OplockBreakForm.LeaseBreakNotification;

    public ushort StructureSize { get; set; } = DefaultStructureSize;

    /// <summary>3.x only; reserved (0) in 2.1.</summary>
    public ushort NewEpoch { get; set; }
    public LeaseBreakNotificationFlags Flags { get; set; }
    public Guid LeaseKey { get; set; }
    public LeaseState CurrentLeaseState { get; set; }
    public LeaseState NewLeaseState { get; set; }
    public uint BreakReason { get; set; }
    public uint AccessMaskHint { get; set; }
    public uint ShareMaskHint { get; set; }

    public int Size => FixedLength;

    public void WriteTo(Span<byte> destination)
    {
        destination.U16(0, StructureSize);
        destination.U16(2, NewEpoch);
        destination.U32(4, (uint)Flags);
        destination.Guid(8, LeaseKey);
        destination.U32(24, (uint)CurrentLeaseState);
        destination.U32(28, (uint)NewLeaseState);
        destination.U32(32, BreakReason);
        destination.U32(36, AccessMaskHint);
        destination.U32(40, ShareMaskHint);
    }

    public static DecodeResult<LeaseBreakNotification> Read(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var error = BodyChecks.FixedPart(span, MessageName, Clause, DefaultStructureSize, FixedLength);
        if (error is not null)
        {
            return error;
        }
        const int body = Smb2Header.Size;
        return new LeaseBreakNotification
        {
            NewEpoch = span.U16(body + 2),
            Flags = (LeaseBreakNotificationFlags)span.U32(body + 4),
            LeaseKey = span.Guid(body + 8),
            CurrentLeaseState = (LeaseState)span.U32(body + 24),
            NewLeaseState = (LeaseState)span.U32(body + 28),
            BreakReason = span.U32(body + 32),
            AccessMaskHint = span.U32(body + 36),
            ShareMaskHint = span.U32(body + 40),
        };
    }

    public override string ToString() => $"Lease Break Notification {LeaseKey} {CurrentLeaseState} -> {NewLeaseState} epoch={NewEpoch}";
}
