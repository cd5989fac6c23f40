using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// The lock sequence of current MS-SMB2 3.3.5.14: a LOCK resent after a lost response (a replay, or
/// the same request again) whose LockSequenceIndex (1 to 64) names a valid entry of
/// Open.LockSequenceArray equal to its LockSequenceNumber is completed with success and not done
/// twice; any other number at that index invalidates the entry and the request is processed; a request
/// that succeeds records its number as valid. Not at 2.0.2 (the field is reserved there), and only for
/// a resilient, durable or persistent open or on a connection with SMB2_GLOBAL_CAP_MULTI_CHANNEL.
/// </summary>
internal static class LockSequenceVerification
{
    /// <summary>Whether <paramref name="request"/> was processed before and is to be answered with success as it is.</summary>
    public static bool AlreadyProcessed(RequestContext context, Open open, LockRequest request)
    {
        if (!Applies(context.Connection, open, request))
        {
            return false;
        }
        var entries = open.LockSequenceArray;
        lock (entries)
        {
            var index = (int)request.LockSequenceIndex - 1;
            if (!entries[index].Valid)
            {
                return false;
            }
            if (entries[index].SequenceNumber == request.LockSequenceNumber)
            {
                return true;
            }
            entries[index] = default;
            return false;
        }
    }

    /// <summary>Records <paramref name="request"/>'s number once all its elements were locked or unlocked.</summary>
    public static void Record(Connection connection, Open open, LockRequest request)
    {
        if (!Applies(connection, open, request))
        {
            return;
        }
        lock (open.LockSequenceArray)
        {
            open.LockSequenceArray[request.LockSequenceIndex - 1] = new LockSequenceEntry(request.LockSequenceNumber, Valid: true);
        }
    }

    private static bool Applies(Connection connection, Open open, LockRequest request) =>
        connection.Dialect is { } dialect && dialect != Dialect.Smb202
        && request.LockSequenceIndex is >= 1 and <= 64
        && (open.IsResilient || open.IsDurable || open.IsPersistent || (connection.ServerCapabilities & GlobalCapabilities.MultiChannel) != 0);
}
