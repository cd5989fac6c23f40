using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>
/// The one place a request ends, whether it is answered at once, completes asynchronously, or gets
/// no response: it leaves Connection.RequestList and AsyncCommandList, and the count 3.3.5.2.10 put
/// it in is decremented as 3.3.4.1 says (the current epoch's when its ChannelSequence is still the
/// open's, the earlier epochs' otherwise).
/// </summary>
internal static class RequestCompletion
{
    public static void Complete(Connection connection, Request request)
    {
        connection.RequestList.TryRemove(new KeyValuePair<ulong, Request>(request.MessageId, request));
        if (request.AsyncId != 0)
        {
            connection.AsyncCommandList.TryRemove(new KeyValuePair<ulong, Request>(request.AsyncId, request));
        }
        if (request.Open is not { } open || request.CountedChannelSequence is not { } sequence)
        {
            return;
        }
        request.CountedChannelSequence = null;
        lock (open.ChannelSequenceGate)
        {
            if (sequence == open.ChannelSequence && open.OutstandingRequestCount > 0)
            {
                open.OutstandingRequestCount--;
            }
            else if (open.OutstandingPreRequestCount > 0)
            {
                open.OutstandingPreRequestCount--;
            }
        }
    }
}
