using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Security;

/// <summary>MessageIds and credits: the CommandSequenceWindow (3.3.5.2.3), CreditCharge (3.3.5.2.5), grants (3.3.1.2, 3.3.4.1.2).</summary>
public static class SequenceAndCreditScenarios
{
    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.3", Requirements = ["3.3.5.2.3#03", "3.3.5.2.3#05", "3.3.5.2.3#06"], Title = "A request reusing a MessageId already consumed: the server terminates the connection")]
    public static async Task ReusedMessageIdDisconnects(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        // MessageId 1 carried the first SESSION_SETUP leg: consumed, it left the window (3.3.5.2.3).
        await ExpectOutOfWindowAsync(context, client.Connection, client.Session, 1, "an ECHO reusing MessageId 1", "3.3.5.2.3#03, 3.3.5.2.3#05, 3.3.5.2.3#06");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.3", Requirements = ["3.3.5.2.3#03", "3.3.5.2.3#05"], Title = "A request with a MessageId beyond the granted window: the server terminates the connection")]
    public static async Task MessageIdBeyondTheWindowDisconnects(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var beyond = client.Connection.SequenceWindow.NextGranted + 1000;
        await ExpectOutOfWindowAsync(context, client.Connection, client.Session, beyond, $"an ECHO with MessageId {beyond}, 1000 past the highest granted", "3.3.5.2.3#03, 3.3.5.2.3#05");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.1.2", "3.3.5.2.3", Requirements = ["3.3.1.2#02", "3.3.1.2#03", "3.3.5.2.3#03"],
        Title = "A new connection holds one credit: a NEGOTIATE with MessageId 1 as its first request is not processed")]
    public static async Task NewConnectionHoldsOneCredit(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var negotiate = connection.Build(new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }.BuildRequest(connection.ClientGuid));
        // 3.3.1.2: the client is considered to hold 1 credit, so its window is { 0 } and MessageId 1 lies outside it.
        await ExpectOutOfWindowAsync(context, connection, null, 1, "a NEGOTIATE with MessageId 1 as the first request of a connection (its window is { 0 })",
            "3.3.1.2#02, 3.3.1.2#03, 3.3.5.2.3#03", negotiate);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.3", "3.3.5.4", Requirements = ["3.3.5.2.3#04", "3.3.5.2.3#05", "3.3.5.4#12"],
        Title = "2.1+: a request charged 2 credits at the last MessageId granted (its second id beyond the window): not processed")]
    public static async Task ChargeReachingBeyondTheWindowIsRefused(ScenarioContext context)
    {
        var (client, _) = await MultiCreditClientAsync(context);
        var (messageId, response) = await RequestSteps.SendChargedAtWindowEndAsync(context, client.Connection, client.Session);
        var subject = $"an ECHO charged 2 credits at MessageId {messageId}, the last granted (3.3.5.2.3: every id of the charge must lie in the window)";
        if (response is null)
        {
            return;
        }
        context.Observe($"{subject} was answered with {NtStatus.Describe(response.Status)} instead of a disconnect");
        context.CheckTrue("3.3.5.2.3", "3.3.5.2.3#04, 3.3.5.4#12", subject, NtStatus.IsError(response.Status), "the connection terminated (3.3.5.2.3 SHOULD), at least not processed",
            $"processed: {NtStatus.Describe(response.Status)}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#12"],
        Title = "2.0.2: no multi-credit, CreditCharge is ignored: a request charged 2 credits at the last MessageId granted is processed")]
    public static async Task ChargeIsIgnoredAt202(ScenarioContext context)
    {
        var client = await SessionSteps.LogOnAsync(context, SessionSteps.Only(context, Dialect.Smb202));
        await RequestSteps.ExpectChargeIgnoredAsync(context, "3.3.5.4", "3.3.5.4#12", client.Connection, client.Session, "a 2.0.2 connection (SMB2 NEGOTIATE)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.1.2", "3.3.4.1.2", Requirements = ["3.3.1.2#02", "3.3.1.2#07", "3.3.4.1.2#02"], Title = "The NEGOTIATE response grants at least one credit")]
    public static async Task NegotiateGrantsACredit(ScenarioContext context)
    {
        var connection = await context.ConnectAsync();
        var response = await connection.NegotiateAsync(new NegotiateOptions { MaxDialect = context.Capabilities.HighestDialect }, context.CancellationToken);
        context.CheckStatus("3.3.5.4", null, "NEGOTIATE status", NtStatus.Success, response.Status);
        context.CheckTrue("3.3.1.2", "3.3.1.2#02, 3.3.1.2#07", "CreditResponse of the NEGOTIATE Response", response.Header.CreditRequestResponse >= 1, "at least 1", response.Header.CreditRequestResponse.ToString());
        context.CheckEqual("3.3.4.1.2", "3.3.4.1.2#02", "credits the client holds after NEGOTIATE (the grant, from CreditResponse)", (long)response.Header.CreditRequestResponse, connection.SequenceWindow.Available);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.1.2", Requirements = ["3.3.1.2#02", "3.3.1.2#04"], Title = "Requests asking for no credits: the server never lets the client's credits fall to zero")]
    public static async Task CreditsNeverFallToZero(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        // Spend credits asking for none: the grants may shrink the window, never to zero. A server
        // that keeps granting what each request consumes holds it steady; 600 requests settle it either way.
        for (var sent = 0; sent < 600; sent++)
        {
            var available = connection.SequenceWindow.Available;
            var echo = await RequestSteps.SendAsync<EchoResponse>(context, connection, new Smb2Request(connection.Build(new EchoRequest())) { CreditRequest = 0 });
            context.CheckStatus("3.3.5.2", null, "ECHO status", NtStatus.Success, echo.Status);
            if (available == 1)
            {
                context.CheckTrue("3.3.1.2", "3.3.1.2#04", "CreditResponse to the request that consumed the client's last credit", echo.Header.CreditRequestResponse >= 1, "at least 1", echo.Header.CreditRequestResponse.ToString());
            }
            context.CheckTrue("3.3.1.2", "3.3.1.2#02, 3.3.1.2#04", $"credits after {sent + 1} requests with CreditRequest 0", connection.SequenceWindow.Available > 0,
                "at least 1 (the client's credits never reach zero)", $"0 (window {connection.SequenceWindow})");
        }
        context.Observe($"after 600 requests asking for no credits the client holds {connection.SequenceWindow.Available}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.1.2", "3.3.4.1.2", Requirements = ["3.3.1.2#06", "3.3.4.1.2#02"], Title = "A request asking for 8 credits is granted a non-zero number, carried in CreditResponse")]
    public static async Task NonZeroCreditRequestIsGranted(ScenarioContext context)
    {
        var client = await context.LogOnAsync();
        var connection = client.Connection;
        var before = connection.SequenceWindow.Available;
        var echo = await RequestSteps.SendAsync<EchoResponse>(context, connection, new Smb2Request(connection.Build(new EchoRequest())) { CreditRequest = 8 });
        context.CheckStatus("3.3.5.2", null, "ECHO status", NtStatus.Success, echo.Status);
        if (echo.Header.CreditRequestResponse == 0)
        {
            context.Observe("CreditRequest 8 was answered with CreditResponse 0");
        }
        context.CheckEqual("3.3.4.1.2", "3.3.4.1.2#02", "credits held after the ECHO (before - 1 + CreditResponse)",
            before - 1 + echo.Header.CreditRequestResponse, connection.SequenceWindow.Available);
        context.CheckTrue("3.3.1.2", "3.3.1.2#06", "CreditResponse to CreditRequest 8", echo.Header.CreditRequestResponse > 0, "non-zero", "0");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.4.1.2", "3.3.5.2.3", Requirements = ["3.3.4.1.2#03", "3.3.5.2.3#05", "3.3.5.2.3#06"], Title = "2.1+: a READ charged 2 credits consumes MessageIds N and N+1; a request then using N+1 is out of the window")]
    public static async Task MultiCreditRequestConsumesItsIds(ScenarioContext context)
    {
        var (client, open) = await MultiCreditFileAsync(context);
        var connection = client.Connection;
        await connection.WriteAsync(open, 0, new byte[100], context.CancellationToken);
        if (!connection.SequenceWindow.TryTake(2, out var first))
        {
            throw new ScenarioInconclusiveException($"no two consecutive MessageIds in the window {connection.SequenceWindow}");
        }
        var read = await RequestSteps.SendAsync<ReadResponse>(context, connection, RequestSteps.Request(client, new ReadRequest { FileId = open.FileId, Length = 100_000 }, messageId: first, creditCharge: 2));
        context.CheckStatus("3.3.5.2.5", null, "READ of 100000 bytes charged 2 credits", NtStatus.Success, read.Status);
        await ExpectOutOfWindowAsync(context, connection, client.Session, first + 1, $"an ECHO with MessageId {first + 1}, the second id of the READ's charge", "3.3.4.1.2#03, 3.3.5.2.3#06");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.5", Requirements = ["3.3.5.2.5#01", "3.3.5.2.5#02"], Title = "2.1+: CreditCharge 0 on a READ of more than 64 KiB: STATUS_INVALID_PARAMETER")]
    public static async Task ZeroCreditChargeOnLargeReadIsInvalid(ScenarioContext context)
    {
        var (client, open) = await MultiCreditFileAsync(context);
        var read = await RequestSteps.SendAsync<ReadResponse>(context, client.Connection, RequestSteps.Request(client, new ReadRequest { FileId = open.FileId, Length = 100_000 }, creditCharge: 0));
        context.CheckStatus("3.3.5.2.5", "3.3.5.2.5#01, 3.3.5.2.5#02", "READ of 100000 bytes with CreditCharge 0", NtStatus.InvalidParameter, read.Status);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.2.5", Requirements = ["3.3.5.2.5#01", "3.3.5.2.5#03", "3.3.5.2.5#04"],
        Title = "2.1+: CreditCharge 1 on a WRITE of 192 KiB (3 credits by 3.1.5.2): STATUS_INVALID_PARAMETER; the same WRITE charged 3 is accepted")]
    public static async Task TooSmallCreditChargeIsInvalid(ScenarioContext context)
    {
        var (client, open) = await MultiCreditFileAsync(context);
        if (client.Connection.MaxWriteSize < 3 * 65536)
        {
            throw new ScenarioInconclusiveException($"MaxWriteSize {client.Connection.MaxWriteSize} is below 192 KiB: the WRITE would fail for its size");
        }
        var write = await RequestSteps.SendAsync<WriteResponse>(context, client.Connection, RequestSteps.Request(client, new WriteRequest { FileId = open.FileId, Data = new byte[3 * 65536] }, creditCharge: 1));
        context.CheckStatus("3.3.5.2.5", "3.3.5.2.5#01, 3.3.5.2.5#04", "WRITE of 196608 bytes with CreditCharge 1", NtStatus.InvalidParameter, write.Status);
        var read = await client.Connection.ReadAsync(open, 0, 16, context.CancellationToken);
        context.CheckTrue("3.3.5.2.5", "3.3.5.2.5#04", "the file after the refused WRITE", read.Status == NtStatus.EndOfFile || read.Body?.Data.Length == 0, "still empty", $"{NtStatus.Describe(read.Status)}, {read.Body?.Data.Length} bytes");
        // 3.3.5.2.5 compares the charge with the one 3.1.5.2 computes: the charge it computes is enough.
        var charged = await RequestSteps.SendAsync<WriteResponse>(context, client.Connection, RequestSteps.Request(client, new WriteRequest { FileId = open.FileId, Data = new byte[3 * 65536] }, creditCharge: 3));
        context.CheckStatus("3.3.5.2.5", "3.3.5.2.5#03", "the same WRITE with CreditCharge 3 (the charge 3.1.5.2 computes)", NtStatus.Success, charged.Status);
        await client.Connection.CloseAsync(open, cancellationToken: context.CancellationToken);
    }

    private static async Task<(Smb2Client Client, Open Open)> MultiCreditFileAsync(ScenarioContext context)
    {
        var (client, _) = await MultiCreditClientAsync(context);
        if (client.Connection.MaxReadSize <= 100_000)
        {
            throw new ScenarioInconclusiveException($"MaxReadSize {client.Connection.MaxReadSize} is below 100000");
        }
        return (client, await FileSteps.CreateScratchFileAsync(context, client, "multi-credit"));
    }

    /// <summary>A logged-on client at the highest dialect (2.1 or later, LARGE_MTU) on a connection that supports multi-credit requests.</summary>
    private static async Task<(Smb2Client Client, Dialect Dialect)> MultiCreditClientAsync(ScenarioContext context)
    {
        var dialect = context.Capabilities.HighestDialect;
        if (dialect < Dialect.Smb210)
        {
            throw new ScenarioInconclusiveException("multi-credit requests need 2.1 or 3.x");
        }
        context.RequireCapability(dialect, GlobalCapabilities.LargeMtu);
        var client = await context.LogOnAsync();
        if (!client.Connection.SupportsMultiCredit)
        {
            throw new ScenarioInconclusiveException("the connection is not multi-credit");
        }
        return (client, dialect);
    }

    /// <summary>3.3.5.2.3: the server SHOULD terminate; an error answer is recorded, a success (the id processed) fails.</summary>
    private static async Task ExpectOutOfWindowAsync(ScenarioContext context, Connection connection, Session? session, ulong messageId, string subject, string requirement,
        Smb2Message? message = null)
    {
        var response = await RequestSteps.SendOrDisconnectAsync(context, connection, new Smb2Request(message ?? connection.Build(new EchoRequest(), session)) { MessageId = messageId });
        if (response is null)
        {
            return;
        }
        context.Observe($"{subject} was answered with {NtStatus.Describe(response.Status)} instead of a disconnect");
        context.CheckTrue("3.3.5.2.3", requirement, subject, NtStatus.IsError(response.Status), "the connection terminated (3.3.5.2.3 SHOULD), at least not processed", $"processed: {NtStatus.Describe(response.Status)}");
    }
}
