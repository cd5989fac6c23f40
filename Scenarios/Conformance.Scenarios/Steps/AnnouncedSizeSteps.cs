using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Steps;

/// <summary>
/// The sizes a NEGOTIATE Response announced, seen where the connection uses them: a READ, WRITE or
/// QUERY_INFO of exactly MaxReadSize, MaxWriteSize or MaxTransactSize is served; one byte more is
/// refused with STATUS_INVALID_PARAMETER (3.3.5.12, 3.3.5.13, 3.3.5.20 compare with the Connection's values).
/// </summary>
public static class AnnouncedSizeSteps
{
    /// <summary>Above this a scenario would move more data than it is worth: Inconclusive.</summary>
    private const uint Largest = 16 * 1024 * 1024;

    /// <summary>Names the requirement each size proves (the clause that records it).</summary>
    public sealed record SizeRequirements(string Clause, string Transact, string Read, string Write);

    public static async Task CheckAsync(ScenarioContext context, Smb2Client client, SizeRequirements requirements)
    {
        var connection = client.Connection;
        var sizes = new[] { connection.MaxReadSize, connection.MaxWriteSize, connection.MaxTransactSize };
        if (sizes.Any(size => size is 0 or > Largest))
        {
            throw new ScenarioInconclusiveException($"announced MaxReadSize {connection.MaxReadSize}, MaxWriteSize {connection.MaxWriteSize}, MaxTransactSize {connection.MaxTransactSize}: zero, or above {Largest}");
        }
        var open = await FileSteps.CreateScratchFileAsync(context, client, "announced-sizes");
        var written = await connection.WriteAsync(open, 0, new byte[100], context.CancellationToken);
        context.CheckStatus("3.3.5.13", null, "WRITE of 100 bytes", NtStatus.Success, written.Status);

        var read = connection.MaxReadSize;
        await CheckPairAsync(context, client, requirements.Clause, requirements.Read, $"READ of Length {read} (MaxReadSize)", $"READ of Length {read + 1} (MaxReadSize + 1)",
            length => new ReadRequest { FileId = open.FileId, Length = length }, read);
        var write = connection.MaxWriteSize;
        await CheckPairAsync(context, client, requirements.Clause, requirements.Write, $"WRITE of {write} bytes (MaxWriteSize)", $"WRITE of {write + 1} bytes (MaxWriteSize + 1)",
            length => new WriteRequest { FileId = open.FileId, Data = new byte[length] }, write);
        var transact = connection.MaxTransactSize;
        await CheckPairAsync(context, client, requirements.Clause, requirements.Transact,
            $"QUERY_INFO FileBasicInformation with OutputBufferLength {transact} (MaxTransactSize)", $"QUERY_INFO with OutputBufferLength {transact + 1} (MaxTransactSize + 1)",
            length => new QueryInfoRequest { FileId = open.FileId, InfoType = InfoType.File, FileInfoClass = (byte)FileInformationClass.FileBasicInformation, OutputBufferLength = length },
            transact);
        await connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    /// <summary>The request at <paramref name="size"/> is served; at size + 1 it is refused with STATUS_INVALID_PARAMETER. Each carries the CreditCharge 3.1.5.2 computes.</summary>
    private static async Task CheckPairAsync(ScenarioContext context, Smb2Client client, string clause, string requirement, string atSize, string beyond,
        Func<uint, IMessageBody> build, uint size)
    {
        var connection = client.Connection;
        await EnsureCreditsAsync(context, connection, connection.CreditChargeFor(size + 1L) ?? 1);
        var served = await RequestSteps.SendOrDisconnectAsync(context, connection, RequestSteps.Request(client, build(size), creditCharge: connection.CreditChargeFor(size)));
        if (served is null)
        {
            context.Fail(clause, requirement, atSize, "served (not STATUS_INVALID_PARAMETER)", "the server closed the connection");
        }
        context.CheckTrue(clause, requirement, atSize, served.Status != NtStatus.InvalidParameter && !NtStatus.IsError(served.Status),
            "served: the announced size is within what the connection accepts", NtStatus.Describe(served.Status));
        await EnsureCreditsAsync(context, connection, connection.CreditChargeFor(size + 1L) ?? 1);
        var refused = await RequestSteps.SendOrDisconnectAsync(context, connection, RequestSteps.Request(client, build(size + 1), creditCharge: connection.CreditChargeFor(size + 1L)));
        if (refused is null)
        {
            context.Fail(clause, requirement, beyond, NtStatus.Describe(NtStatus.InvalidParameter), "the server closed the connection");
        }
        context.CheckStatus(clause, requirement, beyond, NtStatus.InvalidParameter, refused.Status);
    }

    /// <summary>Asks for credits (ECHO with a CreditRequest) until <paramref name="needed"/> consecutive MessageIds are available; Inconclusive when the server will not grant them.</summary>
    private static async Task EnsureCreditsAsync(ScenarioContext context, Connection connection, int needed)
    {
        for (var asked = 0; asked < 16 && connection.SequenceWindow.Available < needed + 1; asked++)
        {
            var echo = await RequestSteps.SendAsync<EchoResponse>(context, connection, new Smb2Request(connection.Build(new EchoRequest())) { CreditRequest = (ushort)Math.Min(needed + 16, 1024) });
            context.CheckStatus("3.3.5.2", null, "ECHO asking for credits", NtStatus.Success, echo.Status);
        }
        if (connection.SequenceWindow.Available < needed + 1)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} granted {connection.SequenceWindow.Available} credits, not the {needed} a request of the announced size is charged");
        }
    }
}
