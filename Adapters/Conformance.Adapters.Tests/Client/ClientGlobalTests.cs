using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using static Conformance.Adapters.Tests.Client.ScriptedServer;

namespace Conformance.Adapters.Tests.Client;

/// <summary>The client's ClientGuid (3.2.1.1) as its connections send it in NEGOTIATE, and what a NegotiateOptions.ClientGuid does to it.</summary>
public class ClientGlobalTests
{
    /// <summary>ClientGuid is at offset 12 of the NEGOTIATE Request (2.2.3), after StructureSize, DialectCount, SecurityMode, Reserved, Capabilities.</summary>
    private const int ClientGuidOffset = Smb2Header.Size + 12;

    /// <summary>Answers one NEGOTIATE with 2.1 (or <paramref name="status"/>), keeping the ClientGuid it carried.</summary>
    private static ScriptedServer Negotiating(List<Guid> sent, uint status = NtStatus.Success) => Start(async (peer, token) =>
    {
        var request = (await ReceiveRequestsAsync(peer, token))[0];
        lock (sent)
        {
            sent.Add(new Guid(request.Bytes.Span.Slice(ClientGuidOffset, 16)));
        }
        var response = status == NtStatus.Success
            ? Smb2Message.For(new NegotiateResponse { DialectRevision = Dialect.Smb210, ServerGuid = Guid.NewGuid() }, ResponseHeader(request.Header))
            : new Smb2Message(ResponseHeader(request.Header, status), ErrorBody(Smb2Command.Negotiate));
        await peer.SendAsync(response.Encode(), token);
        await Task.Delay(Timeout.Infinite, token);
    });

    [Test]
    public async Task TheConnectionsOfOneClientSendItsClientGuidAndPrivateConnectionsTheirOwn()
    {
        var sent = new List<Guid>();
        await using var serverA = Negotiating(sent);
        await using var serverB = Negotiating(sent);
        await using var serverC = Negotiating(sent);
        var client = new ClientGlobal(Guid.Parse("11111111-2222-4333-8444-555555555555"));
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);
        await using var c = await serverC.ConnectAsync();

        await a.NegotiateAsync();
        await b.NegotiateAsync();
        await c.NegotiateAsync();

        Assert.That(sent, Is.EqualTo(new[] { client.ClientGuid, client.ClientGuid, c.ClientGuid }));
        Assert.That(c.ClientGuid, Is.Not.EqualTo(client.ClientGuid));
        Assert.That((a.SentClientGuid, b.SentClientGuid), Is.EqualTo(((Guid?)client.ClientGuid, (Guid?)client.ClientGuid)));
        Assert.That(c.Client, Is.Not.SameAs(client));
    }

    [Test]
    public async Task AClientMadeWithoutAGuidAdoptsTheOneItsFirstNegotiateSentAndLaterLiesStayWithTheirConnection()
    {
        var chosen = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
        var lie = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");
        var sent = new List<Guid>();
        await using var serverA = Negotiating(sent);
        await using var serverB = Negotiating(sent);
        var client = new ClientGlobal();
        var generated = client.ClientGuid;
        await using var a = await serverA.ConnectAsync(client: client);
        await using var b = await serverB.ConnectAsync(client: client);

        await a.NegotiateAsync(new NegotiateOptions { ClientGuid = chosen });
        await b.NegotiateAsync(new NegotiateOptions { ClientGuid = lie });

        Assert.That(sent, Is.EqualTo(new[] { chosen, lie }));
        Assert.That(generated, Is.Not.EqualTo(chosen));
        Assert.That((client.ClientGuid, a.ClientGuid, b.ClientGuid), Is.EqualTo((chosen, chosen, chosen)));
        Assert.That((a.SentClientGuid, b.SentClientGuid), Is.EqualTo(((Guid?)chosen, (Guid?)lie)));
    }

    [Test]
    public async Task AClientMadeWithAGuidKeepsItWhenItsFirstConnectionLies()
    {
        var own = Guid.Parse("cccccccc-0000-4000-8000-000000000003");
        var lie = Guid.Parse("dddddddd-0000-4000-8000-000000000004");
        var sent = new List<Guid>();
        await using var server = Negotiating(sent);
        var client = new ClientGlobal(own);
        await using var connection = await server.ConnectAsync(client: client);

        await connection.NegotiateAsync(new NegotiateOptions { ClientGuid = lie });

        Assert.That(sent.Single(), Is.EqualTo(lie));
        Assert.That((client.ClientGuid, connection.ClientGuid, connection.SentClientGuid), Is.EqualTo((own, own, (Guid?)lie)));
    }

    [Test]
    public async Task TheFactoryLogsOnAsTheClientItIsGiven()
    {
        var sent = new List<Guid>();
        await using var server = Negotiating(sent, NtStatus.AccessDenied);
        var client = new ClientGlobal(Guid.Parse("eeeeeeee-0000-4000-8000-000000000005"));
        var options = new Smb2ClientOptions { Client = client, Connection = new ConnectionOptions { Transport = Transport.Frames.ShortTimeouts() } };

        var error = Assert.ThrowsAsync<Smb2ClientException>(() => Smb2ClientFactory.ConnectAsync("127.0.0.1", server.Port, new NtlmCredential(null, "user", "secret"), options));

        Assert.That(error!.Summary, Does.Contain("NEGOTIATE"));
        Assert.That(sent.Single(), Is.EqualTo(client.ClientGuid));
        Assert.That(client.ConnectionTable, Is.Empty, "the failed connection was closed");
    }
}
