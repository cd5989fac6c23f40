using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using FileAttributes = Conformance.Adapters.Wire.Messages.FileAttributes;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// A whole working exchange at one dialect: negotiate exactly that dialect, authenticate, connect to
/// the share, create a file in the scratch directory, write, read back, close (deleting it).
/// </summary>
public static class FullConnectScenarios
{

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.7", "3.3.5.9", "3.3.5.13", "3.3.5.12", "3.3.5.10", Requirements = ["3.3.5.4#08"], Title = "Full connect, write and read back at dialect 2.0.2")]
    public static Task FullConnectAt202(ScenarioContext context) => RunAsync(context, Dialect.Smb202);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.7", "3.3.5.9", "3.3.5.13", "3.3.5.12", "3.3.5.10", Requirements = ["3.3.5.4#08"], Title = "Full connect, write and read back at dialect 2.1")]
    public static Task FullConnectAt210(ScenarioContext context) => RunAsync(context, Dialect.Smb210);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.7", "3.3.5.9", "3.3.5.13", "3.3.5.12", "3.3.5.10", Requirements = ["3.3.5.4#08"], Title = "Full connect, write and read back at dialect 3.0")]
    public static Task FullConnectAt300(ScenarioContext context) => RunAsync(context, Dialect.Smb300);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.7", "3.3.5.9", "3.3.5.13", "3.3.5.12", "3.3.5.10", Requirements = ["3.3.5.4#08"], Title = "Full connect, write and read back at dialect 3.0.2")]
    public static Task FullConnectAt302(ScenarioContext context) => RunAsync(context, Dialect.Smb302);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", "3.3.5.5", "3.3.5.7", "3.3.5.9", "3.3.5.13", "3.3.5.12", "3.3.5.10", Requirements = ["3.3.5.4#08"], Title = "Full connect, write and read back at dialect 3.1.1")]
    public static Task FullConnectAt311(ScenarioContext context) => RunAsync(context, Dialect.Smb311);

    private static async Task RunAsync(ScenarioContext context, Dialect dialect)
    {
        context.RequireDialect(dialect);
        var client = await context.LogOnAsync(negotiate: new NegotiateOptions { Dialects = [dialect] });
        context.CheckEqual("3.3.5.4", "3.3.5.4#08", "negotiated dialect", dialect, client.Connection.Dialect ?? (Dialect)0, NegotiateSteps.Describe);
        var connection = client.Connection;

        var created = await connection.CreateAsync(client.Tree, new CreateRequest
        {
            Name = context.ScratchPath("full-connect.bin"),
            DesiredAccess = AccessMask.GenericRead | AccessMask.GenericWrite | AccessMask.Delete,
            ShareAccess = ShareAccess.FileShareRead,
            CreateDisposition = CreateDisposition.FileCreate,
            CreateOptions = CreateOptions.FileNonDirectoryFile | CreateOptions.FileDeleteOnClose,
            FileAttributes = FileAttributes.Normal,
        }, context.CancellationToken);
        context.CheckStatus("3.3.5.9", null, "CREATE of a new file in the scratch directory", NtStatus.Success, created.Status);
        var open = created.Open!;

        var data = new byte[4096 + 17];
        Random.Shared.NextBytes(data);
        var written = await connection.WriteAsync(open, 0, data, context.CancellationToken);
        context.CheckStatus("3.3.5.13", null, "WRITE Status", NtStatus.Success, written.Status);
        context.CheckEqual("3.3.5.13", null, "WRITE Response Count", (uint)data.Length, context.CheckBody("2.2.22", "WRITE Response", written).Count);

        var read = await connection.ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        context.CheckStatus("3.3.5.12", null, "READ Status", NtStatus.Success, read.Status);
        var readBody = context.CheckBody("2.2.20", "READ Response", read);
        context.CheckTrue("3.3.5.12", null, "READ data", readBody.Data.Span.SequenceEqual(data),
            $"the {data.Length} bytes written", $"{readBody.Data.Length} bytes{(readBody.Data.Length == data.Length ? " that differ" : "")}");

        var closed = await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.10", null, "CLOSE Status", NtStatus.Success, closed.Status);
    }
}
