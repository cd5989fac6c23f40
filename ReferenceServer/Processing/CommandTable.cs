using Conformance.Adapters.Wire;
using Conformance.ReferenceServer.Adm;

namespace Conformance.ReferenceServer.Processing;

/// <summary>The handler of each SMB2 command.</summary>
internal sealed class CommandTable(Server server)
{
    private readonly Dictionary<Smb2Command, ICommandHandler> handlers = new()
    {
        [Smb2Command.Negotiate] = new NegotiateHandler(),
        [Smb2Command.SessionSetup] = new SessionSetupHandler(),
        [Smb2Command.Logoff] = new LogoffHandler(),
        [Smb2Command.TreeConnect] = new TreeConnectHandler(),
        [Smb2Command.TreeDisconnect] = new TreeDisconnectHandler(),
        [Smb2Command.Create] = new Create.CreateHandler(),
        [Smb2Command.Close] = new CloseHandler(),
        [Smb2Command.Flush] = new FlushHandler(),
        [Smb2Command.Read] = new ReadHandler(),
        [Smb2Command.Write] = new WriteHandler(),
        [Smb2Command.Lock] = new LockHandler(),
        [Smb2Command.Ioctl] = new IoctlHandler(),
        [Smb2Command.Cancel] = new CancelHandler(),
        [Smb2Command.Echo] = new EchoHandler(),
        [Smb2Command.QueryDirectory] = new QueryDirectoryHandler(),
        [Smb2Command.ChangeNotify] = new ChangeNotifyHandler(),
        [Smb2Command.QueryInfo] = new QueryInfoHandler(),
        [Smb2Command.SetInfo] = new SetInfoHandler(),
        [Smb2Command.OplockBreak] = new OplockBreakHandler(),
    };

    public Server Server { get; } = server;

    public ICommandHandler? For(Smb2Command command) => handlers.GetValueOrDefault(command);
}
