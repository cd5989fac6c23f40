namespace Conformance.ReferenceServer;

/// <summary>Entry point of the reference SMB2/3 server. The listener is not built yet: for now it prints usage.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: ReferenceServer [--port N] [--share NAME=PATH|NAME=memory]...");
        Console.Error.WriteLine("The SMB2 listener is not implemented yet.");
        return args.Length == 0 ? 0 : 2;
    }
}
