using System.Buffers.Binary;
using Conformance.Adapters.Security;
using Conformance.Adapters.Transport;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.ReferenceServer.Hosting;

namespace Conformance.ReferenceServer.Tests.Protocol;

/// <summary>The reference server driven over TCP with raw frames: negotiate, session setup, signing, files, encryption.</summary>
[TestFixture]
public sealed class ReferenceServerProtocolTests
{
    private ReferenceServerHost host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => host = await ReferenceServerHost.StartAsync(new ServerConfiguration());

    [OneTimeTearDown]
    public async Task StopAsync() => await host.DisposeAsync();

    private async Task<TestClient> LoggedOnAsync(Dialect dialect)
    {
        var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([dialect]);
        var reply = await client.SessionSetupAsync("tester", "Passw0rd!");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success), NtStatus.Describe(reply.Header.Status));
        return client;
    }

    [TestCase(Dialect.Smb202)]
    [TestCase(Dialect.Smb210)]
    [TestCase(Dialect.Smb300)]
    [TestCase(Dialect.Smb302)]
    [TestCase(Dialect.Smb311)]
    public async Task Negotiate_selects_the_offered_dialect(Dialect dialect)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var response = await client.NegotiateAsync([dialect]);
        Assert.That(response.DialectRevision, Is.EqualTo(dialect));
        Assert.That(response.ServerGuid, Is.EqualTo(host.Server.ServerGuid));
        Assert.That(response.SecurityMode & SecurityMode.SigningEnabled, Is.EqualTo(SecurityMode.SigningEnabled));
        // The SPNEGO NegTokenInit hint names NTLMSSP (MS-SPNG 3.2.5.2).
        var hint = (Conformance.Adapters.Security.Spnego.NegTokenInit)Conformance.Adapters.Security.Spnego.SpnegoToken.Read(response.SecurityBuffer).Unwrap();
        Assert.That(hint.MechTypes, Does.Contain(Conformance.Adapters.Security.Spnego.SpnegoOids.Ntlmssp));
    }

    [Test]
    public async Task Negotiate_picks_the_greatest_common_dialect()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var response = await client.NegotiateAsync([Dialect.Smb202, Dialect.Smb302, Dialect.Smb210]);
        Assert.That(response.DialectRevision, Is.EqualTo(Dialect.Smb302));
    }

    [Test]
    public async Task Negotiate_311_answers_preauth_cipher_in_client_order_and_signing()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var response = await client.NegotiateAsync([Dialect.Smb311],
        [
            new PreauthIntegrityCapabilities { Salt = new byte[32] },
            new EncryptionCapabilities { Ciphers = [(Cipher)0x0099, Cipher.Aes256Gcm, Cipher.Aes128Ccm] },
            new SigningCapabilities { SigningAlgorithms = [(Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm)7, Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm.AesCmac] },
        ]);
        var preauth = response.NegotiateContexts.OfType<PreauthIntegrityCapabilities>().Single();
        Assert.That(preauth.HashAlgorithms, Is.EqualTo(new[] { Conformance.Adapters.Wire.NegotiateContexts.HashAlgorithm.Sha512 }));
        Assert.That(preauth.Salt.Length, Is.EqualTo(32));
        Assert.That(response.NegotiateContexts.OfType<EncryptionCapabilities>().Single().Ciphers, Is.EqualTo(new[] { Cipher.Aes256Gcm }));
        Assert.That(response.NegotiateContexts.OfType<SigningCapabilities>().Single().SigningAlgorithms,
            Is.EqualTo(new[] { Conformance.Adapters.Wire.NegotiateContexts.SigningAlgorithm.AesCmac }));
    }

    [Test]
    public async Task Negotiate_311_without_preauth_context_is_invalid_parameter()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var reply = await client.SendAsync(new NegotiateRequest
        {
            Dialects = [Dialect.Smb311],
            NegotiateContexts = [new EncryptionCapabilities { Ciphers = [Cipher.Aes128Gcm] }],
        });
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.InvalidParameter));
    }

    [Test]
    public async Task Second_negotiate_disconnects()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb210]);
        await client.Transport.SendAsync(Smb2Message.For(new NegotiateRequest { Dialects = [Dialect.Smb210] }, new Smb2Header { MessageId = 1 }).Encode());
        var error = Assert.ThrowsAsync<TransportException>(async () => await client.Transport.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.That(error!.Kind, Is.EqualTo(TransportErrorKind.PeerClosed));
    }

    [TestCase(new[] { "NT LM 0.12", "SMB 2.002", "SMB 2.???" }, Dialect.Smb2Wildcard)]
    [TestCase(new[] { "NT LM 0.12", "SMB 2.002" }, Dialect.Smb202)]
    public async Task Smb1_multi_protocol_negotiate_is_upgraded(string[] dialects, Dialect expected)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var request = new Smb1NegotiateRequest { Dialects = dialects.Select(dialect => new Smb1Dialect(dialect)).ToList() };
        await client.Transport.SendAsync(request.Encode());
        var reply = await client.ReceiveAsync();
        Assert.That(reply.Header.Command, Is.EqualTo(Smb2Command.Negotiate));
        Assert.That(reply.Header.MessageId, Is.Zero);
        Assert.That(NegotiateResponse.Read(reply.Bytes).Unwrap().DialectRevision, Is.EqualTo(expected));
    }

    [Test]
    public async Task Smb1_negotiate_without_smb2_dialects_disconnects()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.Transport.SendAsync(new Smb1NegotiateRequest { Dialects = [new Smb1Dialect("NT LM 0.12")] }.Encode());
        Assert.ThrowsAsync<TransportException>(async () => await client.Transport.ReceiveAsync(TimeSpan.FromSeconds(10)));
    }

    [TestCase(Dialect.Smb202)]
    [TestCase(Dialect.Smb210)]
    [TestCase(Dialect.Smb300)]
    [TestCase(Dialect.Smb311)]
    public async Task Session_setup_with_good_password_succeeds_with_a_signed_final_response(Dialect dialect)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([dialect]);
        var reply = await client.SessionSetupAsync("tester", "Passw0rd!");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(reply.Header.IsSigned, Is.True);
        Assert.That(MessageSigner.Verify(client.SigningAlgorithm, client.Keys!.SigningKey, reply.Bytes.Span), Is.True);
        Assert.That(SessionSetupResponse.Read(reply.Bytes).Unwrap().SessionFlags, Is.EqualTo(SessionFlags.None));
    }

    [Test]
    public async Task Session_setup_with_bad_password_is_logon_failure()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb311]);
        var reply = await client.SessionSetupAsync("tester", "wrong");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.LogonFailure));
        Assert.That(host.Server.GlobalSessionTable.ContainsKey(reply.Header.SessionId), Is.False);
    }

    [Test]
    public async Task Anonymous_session_is_null_session()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb302]);
        var reply = await client.SessionSetupAsync("", "", "");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(SessionSetupResponse.Read(reply.Bytes).Unwrap().SessionFlags, Is.EqualTo(SessionFlags.IsNull));
    }

    [TestCase(Dialect.Smb210)]
    [TestCase(Dialect.Smb302)]
    [TestCase(Dialect.Smb311)]
    public async Task Signed_request_is_verified_and_answered_signed(Dialect dialect)
    {
        await using var client = await LoggedOnAsync(dialect);
        var (reply, treeId, _) = await client.TreeConnectAsync("conf");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(treeId, Is.Not.Zero);
        Assert.That(reply.Header.IsSigned, Is.True);
        Assert.That(MessageSigner.Verify(client.SigningAlgorithm, client.Keys!.SigningKey, reply.Bytes.Span), Is.True);
    }

    [TestCase(Dialect.Smb210)]
    [TestCase(Dialect.Smb311)]
    public async Task Bad_signature_is_access_denied(Dialect dialect)
    {
        await using var client = await LoggedOnAsync(dialect);
        var reply = await client.SendAsync(new TreeConnectRequest { Path = @"\\127.0.0.1\conf" }, tamper: bytes => bytes[Smb2Header.SignatureOffset] ^= 0x01);
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.AccessDenied));
    }

    [Test]
    public async Task Unknown_share_is_bad_network_name()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb311);
        var (reply, _, _) = await client.TreeConnectAsync("nosuchshare");
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.BadNetworkName));
    }

    [TestCase(Dialect.Smb202)]
    [TestCase(Dialect.Smb311)]
    public async Task Create_write_read_close_round_trip(Dialect dialect)
    {
        await using var client = await LoggedOnAsync(dialect);
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var name = $"round-trip-{dialect}.txt";
        var (created, fileId) = await client.CreateAsync(treeId, name, CreateDisposition.FileCreate);
        Assert.That(created.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(CreateResponse.Read(created.Bytes).Unwrap().CreateAction, Is.EqualTo(CreateAction.FileCreated));
        var data = "The quick brown fox"u8.ToArray();
        var written = await client.SendAsync(new WriteRequest { FileId = fileId, Offset = 0, Data = data }, treeId);
        Assert.That(written.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(WriteResponse.Read(written.Bytes).Unwrap().Count, Is.EqualTo((uint)data.Length));
        var read = await client.SendAsync(new ReadRequest { FileId = fileId, Offset = 4, Length = 100 }, treeId);
        Assert.That(read.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(ReadResponse.Read(read.Bytes).Unwrap().Data.ToArray(), Is.EqualTo(data[4..]));
        var atEnd = await client.SendAsync(new ReadRequest { FileId = fileId, Offset = (ulong)data.Length, Length = 10 }, treeId);
        Assert.That(atEnd.Header.Status, Is.EqualTo(NtStatus.EndOfFile));
        var closed = await client.SendAsync(new CloseRequest { FileId = fileId, Flags = CloseFlags.PostqueryAttrib }, treeId);
        Assert.That(closed.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(CloseResponse.Read(closed.Bytes).Unwrap().EndofFile, Is.EqualTo((ulong)data.Length));
        var again = await client.SendAsync(new CloseRequest { FileId = fileId }, treeId);
        Assert.That(again.Header.Status, Is.EqualTo(NtStatus.FileClosed));
    }

    // WRITE packets of 64 KiB and more are read into pooled buffers the server reuses: each write's data must survive the next ones.
    [Test]
    public async Task Large_writes_read_back_intact()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb311);
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (_, fileId) = await client.CreateAsync(treeId, "large-writes.bin", CreateDisposition.FileOverwriteIf);
        const int chunk = 200 * 1024;
        var chunks = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, chunk).Select(b => (byte)(b * 7 + i * 31 + 1)).ToArray()).ToArray();
        for (var i = 0; i < chunks.Length; i++)
        {
            var written = await client.SendAsync(new WriteRequest { FileId = fileId, Offset = (ulong)(i * chunk), Data = chunks[i] }, treeId, creditCharge: 4);
            Assert.That(written.Header.Status, Is.EqualTo(NtStatus.Success), $"write {i}");
        }
        for (var i = 0; i < chunks.Length; i++)
        {
            var read = await client.SendAsync(new ReadRequest { FileId = fileId, Offset = (ulong)(i * chunk), Length = chunk }, treeId, creditCharge: 4);
            Assert.That(read.Header.Status, Is.EqualTo(NtStatus.Success), $"read {i}");
            Assert.That(ReadResponse.Read(read.Bytes).Unwrap().Data.Span.SequenceEqual(chunks[i]), Is.True, $"chunk {i} differs from what was written");
        }
    }

    [Test]
    public async Task Exclusive_open_causes_sharing_violation_and_create_of_existing_name_collides()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb311);
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var (first, fileId) = await client.CreateAsync(treeId, "exclusive.txt", CreateDisposition.FileOverwriteIf, ShareAccess.None);
        Assert.That(first.Header.Status, Is.EqualTo(NtStatus.Success));
        var (second, _) = await client.CreateAsync(treeId, "exclusive.txt", CreateDisposition.FileOpen);
        Assert.That(second.Header.Status, Is.EqualTo(NtStatus.SharingViolation));
        var (third, _) = await client.CreateAsync(treeId, "exclusive.txt", CreateDisposition.FileCreate);
        Assert.That(third.Header.Status, Is.EqualTo(NtStatus.ObjectNameCollision));
        await client.SendAsync(new CloseRequest { FileId = fileId }, treeId);
        var (fourth, _) = await client.CreateAsync(treeId, "missing.txt", CreateDisposition.FileOpen);
        Assert.That(fourth.Header.Status, Is.EqualTo(NtStatus.ObjectNameNotFound));
    }

    [TestCase(Cipher.Aes128Ccm)]
    [TestCase(Cipher.Aes128Gcm)]
    [TestCase(Cipher.Aes256Ccm)]
    [TestCase(Cipher.Aes256Gcm)]
    public async Task Encrypted_share_refuses_plain_requests_and_answers_encrypted_ones(Cipher cipher)
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb311],
        [
            new PreauthIntegrityCapabilities { Salt = new byte[32] },
            new EncryptionCapabilities { Ciphers = [cipher] },
        ]);
        Assert.That(client.TransformCipher, Is.EqualTo(cipher));
        Assert.That((await client.SessionSetupAsync("tester", "Passw0rd!")).Header.Status, Is.EqualTo(NtStatus.Success));
        var (tree, treeId, flags) = await client.TreeConnectAsync("encrypted");
        Assert.That(tree.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(flags & ShareFlags.EncryptData, Is.EqualTo(ShareFlags.EncryptData));
        var (plain, _) = await client.CreateAsync(treeId, "secret.txt");
        Assert.That(plain.Header.Status, Is.EqualTo(NtStatus.AccessDenied));
        client.Encrypt = true;
        var (encrypted, fileId) = await client.CreateAsync(treeId, "secret.txt");
        Assert.That(encrypted.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(encrypted.Encrypted, Is.True);
        var written = await client.SendAsync(new WriteRequest { FileId = fileId, Data = "hidden"u8.ToArray() }, treeId);
        Assert.That(written.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(written.Encrypted, Is.True);
    }

    [Test]
    public async Task Global_encryption_sets_session_flag_encrypt_data()
    {
        await using var encrypting = await ReferenceServerHost.StartAsync(new ServerConfiguration { EncryptData = true });
        await using var client = await TestClient.ConnectAsync(encrypting.Port);
        await client.NegotiateAsync([Dialect.Smb311]);
        var reply = await client.SessionSetupAsync("tester", "Passw0rd!");
        Assert.That(SessionSetupResponse.Read(reply.Bytes).Unwrap().SessionFlags, Is.EqualTo(SessionFlags.EncryptData));
        var (plainTree, _, _) = await client.TreeConnectAsync("conf");
        Assert.That(plainTree.Header.Status, Is.EqualTo(NtStatus.AccessDenied));
        client.Encrypt = true;
        var (tree, _, _) = await client.TreeConnectAsync("conf");
        Assert.That(tree.Header.Status, Is.EqualTo(NtStatus.Success));
        Assert.That(tree.Encrypted, Is.True);
    }

    [Test]
    public async Task Message_id_outside_the_window_disconnects()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        var header = new Smb2Header { MessageId = 1000 };
        await client.Transport.SendAsync(Smb2Message.For(new NegotiateRequest { Dialects = [Dialect.Smb210] }, header).Encode());
        Assert.ThrowsAsync<TransportException>(async () => await client.Transport.ReceiveAsync(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Truncated_body_is_invalid_parameter_and_the_connection_lives_on()
    {
        await using var client = await LoggedOnAsync(Dialect.Smb210);
        var (_, treeId, _) = await client.TreeConnectAsync("conf");
        var reply = await client.SendAsync(new RawBody(Smb2Command.Create, new byte[10]), treeId);
        Assert.That(reply.Header.Status, Is.EqualTo(NtStatus.InvalidParameter));
        var echo = await client.SendAsync(new EchoRequest());
        Assert.That(echo.Header.Status, Is.EqualTo(NtStatus.Success));
    }

    [Test]
    public async Task Credits_are_granted()
    {
        await using var client = await TestClient.ConnectAsync(host.Port);
        await client.NegotiateAsync([Dialect.Smb311]);
        var echo = await client.SendAsync(new EchoRequest());
        Assert.That(echo.Header.CreditRequestResponse, Is.GreaterThanOrEqualTo(1));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(echo.Bytes.Span[24..]), Is.EqualTo(1UL));
    }
}
