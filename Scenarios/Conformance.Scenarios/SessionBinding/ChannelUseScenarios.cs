using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// What a bound session then does (3.3.5.5.3: the session joins the connection's SessionTable, with a
/// channel of its own): its opens and tree connects serve every channel, each channel signs with its
/// own key (3.3.5.2.4), and the session's cipher keys serve them all.
/// </summary>
public static class ChannelUseScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23", "3.3.5.5.3#24"],
        Title = "An open made on the first channel is used from every channel: WRITE on the second, READ and QUERY_INFO on the third, CLOSE on the second")]
    public static async Task OpenUsedFromEveryChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 3);
        var open = await FileSteps.CreateScratchFileAsync(context, session.First, "every-channel");
        var data = "written on channel two"u8.ToArray();
        var written = await session.Channels[1].WriteAsync(open, 0, data, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "WRITE on the second channel to an open of the first", NtStatus.Success, written.Status);
        var read = await session.Channels[2].ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "READ on the third channel", NtStatus.Success, read.Status);
        var query = await session.Channels[2].QueryInfoAsync(open, new QueryInfoRequest
        {
            FileId = open.FileId,
            InfoType = InfoType.File,
            FileInfoClass = (byte)FileInformationClass.FileStandardInformation,
            OutputBufferLength = 1024,
        }, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "QUERY_INFO on the third channel", NtStatus.Success, query.Status);
        var closed = await session.Channels[1].CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "CLOSE on the second channel", NtStatus.Success, closed.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23"],
        Title = "Bytes written on one channel are read back on another")]
    public static async Task WriteOnOneChannelReadOnAnother(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var open = await FileSteps.CreateScratchFileAsync(context, session.On(1), "write-read");
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096);
        var written = await session.Channels[1].WriteAsync(open, 0, data, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "WRITE on the second channel", NtStatus.Success, written.Status);
        var read = await session.Channels[0].ReadAsync(open, 0, (uint)data.Length, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "READ on the first channel", NtStatus.Success, read.Status);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#23", "the bytes read on the first channel", read.RequireBody().Data.Span.SequenceEqual(data),
            "the 4096 bytes written on the second", $"{read.RequireBody().Data.Length} other bytes");
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23"],
        Title = "A tree connect made on a bound channel serves a CREATE on the first channel")]
    public static async Task TreeConnectOfOneChannelServesAnother(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var tree = await session.Channels[1].TreeConnectAsync(session.Session, context.Target.Share, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "TREE_CONNECT on the bound channel", NtStatus.Success, tree.Status);
        var created = await session.Channels[0].CreateAsync(tree.TreeConnect!, FileSteps.NewFile(context.ScratchPath("other-tree")), context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "CREATE on the first channel in the bound channel's tree connect", NtStatus.Success, created.Status);
        await session.Channels[0].CloseAsync(created.Open!, cancellationToken: context.CancellationToken);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#23", "3.3.5.5.3#24"],
        Title = "An open made on a bound channel is used and closed on the first channel; afterwards neither channel finds it")]
    public static async Task OpenOfABoundChannelClosedOnTheFirst(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var open = await FileSteps.CreateScratchFileAsync(context, session.On(1), "bound-open");
        var closed = await session.Channels[0].CloseAsync(open, cancellationToken: context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#23", "CLOSE on the first channel of an open made on the second", NtStatus.Success, closed.Status);
        var read = await session.Channels[1].ReadAsync(open, 0, 1, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#24", "READ on the second channel of the open closed on the first", NtStatus.FileClosed, read.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", "3.3.5.2.4", Requirements = ["3.3.5.5.3#39", "3.3.5.2.4#08"],
        Title = "Each channel signs its responses with its own key: a bound channel's response verifies with its channel key and not with the first channel's")]
    public static async Task EachChannelSignsWithItsOwnKey(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 3);
        for (var index = 1; index < session.Channels.Count; index++)
        {
            var connection = session.Channels[index];
            var echo = await connection.SendOneAsync(new Smb2Request(connection.Build(new EchoRequest(), session.Session)) { Session = session.Session, Signing = RequestSigning.Sign },
                context.CancellationToken);
            context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#08", $"a signed ECHO on channel {index + 1}", NtStatus.Success, echo.Status);
            context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#39", $"the signature of channel {index + 1}'s response with its channel key", SignatureVerdict.Valid, echo.Signature);
            context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#39", $"the signature of channel {index + 1}'s response with the first channel's key",
                SignatureVerdict.Invalid, connection.VerifyWith(session.Session.SigningKey!, echo.Bytes.Span));
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.2.4", Requirements = ["3.3.5.2.4#08"],
        Title = "A request on the third channel signed with the second channel's key is refused with STATUS_ACCESS_DENIED")]
    public static async Task AnotherChannelsKeyIsRefused(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 3);
        var secondKey = session.Session.ChannelOn(session.Channels[1])?.SigningKey ?? throw new ScenarioInconclusiveException("the client kept no key for the second channel");
        var third = session.Channels[2];
        var borrowed = new Session(third, session.Session.SessionId) { SigningKey = secondKey, SessionKey = session.Session.SessionKey };
        var response = await RequestSteps.SendOrDisconnectAsync(context, third, new Smb2Request(third.Build(new EchoRequest(), borrowed)) { Session = borrowed, Signing = RequestSigning.Sign });
        if (response is null)
        {
            context.Observe("the server disconnected the third channel (3.3.5.2.4 MAY after a bad signature)");
            return;
        }
        context.CheckStatus("3.3.5.2.4", "3.3.5.2.4#08", "ECHO on the third channel signed with the second channel's key", NtStatus.AccessDenied, response.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5.3", Requirements = ["3.3.5.5.3#40"],
        Title = "A bound channel encrypts with the session's keys: an encrypted WRITE and READ on it succeed")]
    public static async Task BoundChannelEncryptsWithTheSessionKeys(ScenarioContext context)
    {
        var first = await SessionSteps.EncryptingClientAsync(context);
        if ((first.Connection.ServerCapabilities & GlobalCapabilities.MultiChannel) == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} announced no SMB2_GLOBAL_CAP_MULTI_CHANNEL on the encrypting connection");
        }
        var negotiate = first.Connection.Dialect == Dialect.Smb311
            ? new NegotiateOptions { Dialects = [Dialect.Smb311], Ciphers = [first.Connection.CipherId!.Value] }
            : new NegotiateOptions { Dialects = [first.Connection.Dialect!.Value] };
        var (channel, bind) = await ChannelSteps.BindAsync(context, first, negotiate);
        if (bind.Status != NtStatus.Success)
        {
            throw new ScenarioInconclusiveException($"binding a channel to the encrypting session failed ({NtStatus.Describe(bind.Status)})");
        }
        var open = await FileSteps.CreateScratchFileAsync(context, first, "encrypted-channel");
        var data = "sealed"u8.ToArray();
        var written = await channel.SendOneAsync(new Smb2Request(channel.Build(new WriteRequest { FileId = open.FileId, Data = data }, first.Session, first.Tree))
        {
            Session = first.Session,
            TreeConnect = first.Tree,
            Encryption = RequestEncryption.Encrypt,
        }, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#40", "an encrypted WRITE on the bound channel", NtStatus.Success, written.Status);
        context.CheckTrue("3.3.5.5.3", "3.3.5.5.3#40", "the WRITE response on the bound channel", written.WasEncrypted, "encrypted with the session's key", "not encrypted");
    }
}
