using Conformance.ReferenceServer.Teardown;

namespace Conformance.ReferenceServer.Processing.Create;

/// <summary>
/// SMB2_CREATE_APP_INSTANCE_ID (3.3.5.9.13), before "Open Execution": an open of the same application
/// instance on the same path and share, made by another client (a failover of a clustered application),
/// is closed so that this CREATE can take its place. The maximal access of every user of this server
/// includes GENERIC_READ, so such an open is always closed. A disconnected open has no Session: its
/// client is Open.ClientGuid.
/// </summary>
internal static class AppInstanceHandling
{
    public static async Task RunAsync(CreateOperation create)
    {
        if (create.Durable.AppInstance is not { AppInstanceId: var appInstanceId } || appInstanceId == Guid.Empty)
        {
            return;
        }
        var context = create.Context;
        var older = context.Server.GlobalOpenTable.Values.Where(open => open.AppInstanceId == appInstanceId
                && open.Share == create.Share
                && open.PathName.Equals(create.PathName, StringComparison.OrdinalIgnoreCase)
                && (open.Session?.Connection.ClientGuid ?? open.ClientGuid) != context.Connection.ClientGuid)
            .ToList();
        foreach (var open in older)
        {
            await OpenCloser.CloseAsync(context.Server, open).ConfigureAwait(false);
        }
    }
}
