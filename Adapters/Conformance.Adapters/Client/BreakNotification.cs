using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Adapters.Client;

/// <summary>
/// One OPLOCK_BREAK notification (MessageId 0xFFFFFFFFFFFFFFFF, 3.2.5.19) as a connection of the client
/// received it: the connection, the message (its <see cref="Smb2Response.Signature"/> checked when it
/// came signed), the body read as whichever form its StructureSize says (or the
/// <see cref="DecodeError"/> that kept it from being read), and what the client found it names: the
/// open of an oplock break (3.2.5.19.1) or the GlobalFileTable entry of a lease break (3.2.5.19.2).
/// </summary>
public sealed record BreakNotification(Connection Connection, Smb2Response Response, DecodeResult<IOplockBreakBody> Body)
{
    /// <summary>The open in a Session.OpenTable of the client with the Oplock Break Notification's FileId, when found.</summary>
    public Open? Open { get; init; }

    /// <summary>The lease with the Lease Break Notification's LeaseKey, when the GlobalFileTable had it; its state is already updated by 3.2.5.19.2.</summary>
    public Lease? Lease { get; init; }

    /// <summary>Valid or Invalid when the message came signed and a key was known, NoKey when signed without one, NotApplicable when unsigned or encrypted.</summary>
    public SignatureVerdict Signature => Response.Signature;

    public bool WasEncrypted => Response.WasEncrypted;

    public DateTime ReceivedAt => Response.ReceivedAt;

    /// <summary>The body as an Oplock Break Notification (2.2.23.1), if it is one.</summary>
    public OplockBreakNotification? OplockBreak => Body.Value as OplockBreakNotification;

    /// <summary>The body as a Lease Break Notification (2.2.23.2), if it is one.</summary>
    public LeaseBreakNotification? LeaseBreak => Body.Value as LeaseBreakNotification;

    public DecodeError? DecodeError => Body.Error;

    public FileId? FileId => OplockBreak?.FileId;

    public Guid? LeaseKey => LeaseBreak?.LeaseKey;

    public override string ToString()
    {
        var what = Body.IsSuccess ? Body.Value.ToString() : $"unreadable OPLOCK_BREAK ({Body.Error})";
        return $"{what} on {Connection.Transport.Connection} at {ReceivedAt:HH:mm:ss.ffffff}Z" +
            (WasEncrypted ? " [encrypted]" : "") + (Response.Header.IsSigned ? $" signature {Signature}" : "");
    }
}
