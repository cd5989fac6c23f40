using System.Buffers.Binary;
using System.Net.Sockets;
using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Fsctl;
using Conformance.Adapters.Wire.InfoClasses;
using Conformance.Adapters.Wire.Messages;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// FSCTL_QUERY_NETWORK_INTERFACE_INFO (3.3.5.15.11): the interfaces a multichannel client may bind
/// further channels on, as an array of NETWORK_INTERFACE_INFO (2.2.32.5) with SOCKADDR_STORAGE
/// addresses (2.2.32.5.1).
/// </summary>
public static class NetworkInterfaceScenarios
{
    private const int HeaderSize = Smb2Header.Size;

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#07", "3.3.5.15.11#08", "3.3.5.15.11#09", "3.3.5.15.11#16"],
        Title = "FSCTL_QUERY_NETWORK_INTERFACE_INFO is answered with an IOCTL Response naming that CtlCode and FileId 0xFFFFFFFFFFFFFFFF")]
    public static async Task InterfaceQueryIsAnswered(ScenarioContext context)
    {
        var (_, response) = await QueryAsync(context);
        var body = response.RequireBody();
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#08", "CtlCode of the response", FsctlCode.QueryNetworkInterfaceInfo, body.CtlCode, code => $"0x{code:X8}");
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#09", "FileId of the response", FileId.Related, body.FileId);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#10", "3.3.5.15.11#11", "3.3.5.15.11#12"],
        Title = "The interface list's IOCTL Response: InputOffset at Buffer, InputCount 0, OutputOffset = InputOffset + InputCount rounded up to 8")]
    public static async Task InterfaceQueryOffsets(ScenarioContext context)
    {
        var (_, response) = await QueryAsync(context);
        var bytes = response.Response.Bytes.Span;
        var inputOffset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(HeaderSize + 24)..]);
        var inputCount = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(HeaderSize + 28)..]);
        var outputOffset = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(HeaderSize + 32)..]);
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#10", "InputOffset (from the start of the SMB2 header)", IoctlResponse.NaturalInputOffset, inputOffset);
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#11", "InputCount", 0u, inputCount);
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#12", "OutputOffset", (inputOffset + inputCount + 7) & ~7u, outputOffset);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#13", "3.3.5.15.11#15"],
        Title = "OutputCount is the size of the NETWORK_INTERFACE_INFO array, which lies at OutputOffset")]
    public static async Task InterfaceQueryOutputCount(ScenarioContext context)
    {
        var (entries, response) = await QueryAsync(context);
        var body = response.RequireBody();
        var expected = (uint)ChainedEntries.EncodedLength(entries);
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#13", $"OutputCount for {entries.Count} interface entries", expected, (uint)body.Output.Length);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#14"], Title = "The interface list's IOCTL Response has Flags 0")]
    public static async Task InterfaceQueryFlagsAreZero(ScenarioContext context)
    {
        var (_, response) = await QueryAsync(context);
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#14", "Flags of the response", 0u, response.RequireBody().Flags, flags => $"0x{flags:X8}");
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", "2.2.32.5", Requirements = ["3.3.5.15.11#01", "3.3.5.15.11#02", "2.2.32.5#01"],
        Title = "The interface list is not empty; each entry is a 152-byte NETWORK_INTERFACE_INFO whose Next leads to the next, 8-byte aligned, and the last one's is 0")]
    public static async Task InterfaceEntriesAreChained(ScenarioContext context)
    {
        var (entries, response) = await QueryAsync(context);
        context.CheckTrue("3.3.5.15.11", "3.3.5.15.11#01", "the interfaces enumerated", entries.Count > 0, "at least one", "none");
        var output = response.RequireBody().Output.Span;
        var offset = 0;
        for (var index = 0; index < entries.Count; index++)
        {
            var next = BinaryPrimitives.ReadUInt32LittleEndian(output[offset..]);
            if (index == entries.Count - 1)
            {
                context.CheckEqual("2.2.32.5", "2.2.32.5#01", $"Next of the last entry (#{index})", 0u, next);
            }
            else
            {
                context.CheckTrue("2.2.32.5", "3.3.5.15.11#02", $"Next of entry #{index}", next >= NetworkInterfaceInfo.FixedLength && next % 8 == 0,
                    $"at least {NetworkInterfaceInfo.FixedLength} and a multiple of 8", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
                offset += (int)next;
            }
        }
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#02", "bytes after the last entry's start", NetworkInterfaceInfo.FixedLength, output.Length - offset);
    }

    [Scenario(ScenarioFamily.SessionBinding, "2.2.32.5", Requirements = ["2.2.32.5#02"], Title = "Each interface's Capability holds only RSS_CAPABLE and RDMA_CAPABLE")]
    public static async Task InterfaceCapabilityBits(ScenarioContext context)
    {
        var (entries, _) = await QueryAsync(context);
        const NetworkInterfaceCapability defined = NetworkInterfaceCapability.RssCapable | NetworkInterfaceCapability.RdmaCapable;
        foreach (var entry in entries)
        {
            context.CheckEqual("2.2.32.5", "2.2.32.5#02", $"undefined Capability bits of {entry}", NetworkInterfaceCapability.None, entry.Capability & ~defined);
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "2.2.32.5", Requirements = ["2.2.32.5#03"], Title = "Each interface's Reserved field is 0")]
    public static async Task InterfaceReservedIsZero(ScenarioContext context)
    {
        var (entries, _) = await QueryAsync(context);
        foreach (var entry in entries)
        {
            context.CheckEqual("2.2.32.5", "2.2.32.5#03", $"Reserved of {entry}", 0u, entry.Reserved);
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", "2.2.32.5.1", Requirements = ["3.3.5.15.11#04", "3.3.5.15.11#05", "2.2.32.5.1#01"],
        Title = "Each interface's SOCKADDR_STORAGE has Family 0x0002 with an IPv4 address or 0x0017 with an IPv6 one, and a real address")]
    public static async Task InterfaceAddressFamilies(ScenarioContext context)
    {
        var (entries, response) = await QueryAsync(context);
        var output = response.RequireBody().Output;
        var offset = 0;
        foreach (var entry in entries)
        {
            var family = BinaryPrimitives.ReadUInt16LittleEndian(output.Span[(offset + 24)..]);
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(output.Span[offset..]);
            context.CheckTrue("2.2.32.5.1", "2.2.32.5.1#01", $"Family of {entry}", family is SockaddrStorage.InterNetwork or SockaddrStorage.InterNetworkV6,
                "0x0002 or 0x0017", $"0x{family:X4}");
            var expectedFamily = entry.SockAddrStorage.Address.AddressFamily == AddressFamily.InterNetworkV6 ? SockaddrStorage.InterNetworkV6 : SockaddrStorage.InterNetwork;
            context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#04", $"Family for the address {entry.SockAddrStorage.Address}", expectedFamily, family, value => $"0x{value:X4}");
            context.CheckTrue("3.3.5.15.11", "3.3.5.15.11#05", $"the address in {entry}", !entry.SockAddrStorage.Address.Equals(System.Net.IPAddress.Any)
                && !entry.SockAddrStorage.Address.Equals(System.Net.IPAddress.IPv6Any), "an address (not 0.0.0.0 or ::)", entry.SockAddrStorage.Address.ToString());
        }
        var host = context.Target.Host;
        context.Observe(entries.Any(entry => entry.SockAddrStorage.Address.ToString() == host)
            ? $"the list names {host}, the address this run reached"
            : $"the list does not name {host}, the address this run reached ({string.Join(", ", entries.Select(entry => entry.SockAddrStorage.Address))})");
    }

    [Scenario(ScenarioFamily.SessionBinding, "2.2.32.5.1", Requirements = ["2.2.32.5.1#05"], Title = "The reserved bytes of each SOCKADDR_STORAGE after its address are zero")]
    public static async Task InterfaceAddressPaddingIsZero(ScenarioContext context)
    {
        var (entries, response) = await QueryAsync(context);
        var output = response.RequireBody().Output.Span;
        var offset = 0;
        foreach (var entry in entries)
        {
            var storage = output.Slice(offset + 24, SockaddrStorage.Size);
            // SOCKADDR_IN is 14 bytes after Family, SOCKADDR_IN6 26 (2.2.32.5.1.1, 2.2.32.5.1.2).
            var used = 2 + (BinaryPrimitives.ReadUInt16LittleEndian(storage) == SockaddrStorage.InterNetworkV6 ? 26 : 14);
            var nonZero = storage[used..].IndexOfAnyExcept((byte)0);
            context.CheckTrue("2.2.32.5.1", "2.2.32.5.1#05", $"the reserved bytes of {entry} (from byte {used} of 128)", nonZero < 0, "all zero", $"byte {used + nonZero} is 0x{storage[used + nonZero]:X2}");
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(output[offset..]);
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#01", "3.3.5.15.11#16"],
        Title = "A bound channel gets the same interface list as the session's first channel")]
    public static async Task InterfaceQueryOnABoundChannel(ScenarioContext context)
    {
        var session = await ChannelSteps.ChannelsAsync(context, 2);
        var (onFirst, _) = await QueryOnAsync(context, session.On(0));
        var (onSecond, _) = await QueryOnAsync(context, session.On(1));
        context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#01", "the interfaces reported on the second channel", Describe(onFirst), Describe(onSecond));
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#01", "3.3.5.15.11#16"],
        Title = "FSCTL_QUERY_NETWORK_INTERFACE_INFO is answered at every 3.x dialect with multichannel, with the same list")]
    public static async Task InterfaceQueryAtEveryDialect(ScenarioContext context)
    {
        var dialects = new[] { Dialect.Smb300, Dialect.Smb302, Dialect.Smb311 }
            .Where(dialect => context.Capabilities.Dialects.Contains(dialect) && (context.Capabilities.Capabilities[dialect] & GlobalCapabilities.MultiChannel) != 0).ToList();
        if (dialects.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} announces SMB2_GLOBAL_CAP_MULTI_CHANNEL at no 3.x dialect");
        }
        string? previous = null;
        foreach (var dialect in dialects)
        {
            var (entries, _) = await QueryOnAsync(context, await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] }));
            var list = Describe(entries);
            context.CheckEqual("3.3.5.15.11", "3.3.5.15.11#01", $"the interface list at {dialect.ToDisplayString()}", previous ?? list, list);
            previous = list;
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#N02"], Title = "No interface in the list has IfIndex 0 (current 3.3.5.15.11)")]
    public static async Task NoInterfaceHasIfIndexZero(ScenarioContext context)
    {
        var (entries, _) = await QueryAsync(context);
        var zero = entries.Where(entry => entry.IfIndex == 0).ToList();
        context.CheckTrue("3.3.5.15.11", "3.3.5.15.11#N02", $"the IfIndex of the {entries.Count} interfaces", zero.Count == 0, "none is 0", string.Join("; ", zero));
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#N01"],
        Title = "On a connection without SMB2_GLOBAL_CAP_MULTI_CHANNEL (below 3.x, or a server without multichannel) the query is refused with STATUS_NOT_SUPPORTED or answered with the list (current 3.3.5.15.11, a MAY)")]
    public static async Task InterfaceQueryWithoutMultiChannel(ScenarioContext context)
    {
        var dialect = DialectWithoutMultiChannel(context);
        var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        var response = Smb2Response<IoctlResponse>.From(await client.Connection.SendOneAsync(QueryRequest(client, RequestSigning.Auto), context.CancellationToken));
        context.CheckTrue("3.3.5.15.11", "3.3.5.15.11#N01", $"IOCTL FSCTL_QUERY_NETWORK_INTERFACE_INFO at {dialect.ToDisplayString()} without SMB2_GLOBAL_CAP_MULTI_CHANNEL",
            response.Status is NtStatus.NotSupported or NtStatus.Success, "STATUS_NOT_SUPPORTED (the MAY) or STATUS_SUCCESS with the list", NtStatus.Describe(response.Status));
        if (response.Status == NtStatus.Success)
        {
            context.Observe($"answered at {dialect.ToDisplayString()}: {Describe(ReadEntries(context, response))}");
        }
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.15.11", Requirements = ["3.3.5.15.11#N03"],
        Title = "An unsigned query of a session that does not require signing is refused with STATUS_ACCESS_DENIED or answered with the list (current 3.3.5.15.11, a MAY)")]
    public static async Task UnsignedInterfaceQuery(ScenarioContext context)
    {
        // At 3.0 or 3.0.2: at 3.1.1 an unsigned, unencrypted request of an authenticated session ends the connection (current 3.3.5.2.4).
        var dialect = new[] { Dialect.Smb302, Dialect.Smb300 }
            .Where(candidate => context.Capabilities.Dialects.Contains(candidate) && (context.Capabilities.Capabilities[candidate] & GlobalCapabilities.MultiChannel) != 0)
            .Cast<Dialect?>().FirstOrDefault()
            ?? throw new ScenarioInconclusiveException($"{context.Target.Name} announces SMB2_GLOBAL_CAP_MULTI_CHANNEL at neither 3.0 nor 3.0.2, where a request may go unsigned");
        var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        if (client.Session.SigningRequired || client.Session.EncryptData)
        {
            throw new ScenarioInconclusiveException($"the session at {dialect.ToDisplayString()} requires signing or encryption: any unsigned request is refused before 3.3.5.15.11 (3.3.5.2.4)");
        }
        var response = await RequestSteps.SendOrDisconnectAsync(context, client.Connection, QueryRequest(client, RequestSigning.DoNotSign));
        context.CheckTrue("3.3.5.15.11", "3.3.5.15.11#N03", "unsigned IOCTL FSCTL_QUERY_NETWORK_INTERFACE_INFO",
            response?.Status is NtStatus.AccessDenied or NtStatus.Success, "STATUS_ACCESS_DENIED (the MAY) or STATUS_SUCCESS with the list", response is null ? "the connection closed" : NtStatus.Describe(response.Status));
        if (response?.Status == NtStatus.Success)
        {
            context.Observe($"answered unsigned: {Describe(ReadEntries(context, Smb2Response<IoctlResponse>.From(response)))}");
        }
    }

    /// <summary>A dialect whose connection lacks SMB2_GLOBAL_CAP_MULTI_CHANNEL: a 3.x one without it, else 2.1 or 2.0.2.</summary>
    private static Dialect DialectWithoutMultiChannel(ScenarioContext context)
    {
        var capabilities = context.Capabilities;
        var smb3 = capabilities.Dialects.Where(dialect => dialect.IsSmb3() && (capabilities.Capabilities[dialect] & GlobalCapabilities.MultiChannel) == 0).ToList();
        var smb2 = capabilities.Dialects.Where(dialect => !dialect.IsSmb3()).ToList();
        return smb3.Count > 0 ? smb3.Max() : smb2.Count > 0 ? smb2.Max()
            : throw new ScenarioInconclusiveException($"{context.Target.Name} announces SMB2_GLOBAL_CAP_MULTI_CHANNEL at every dialect it negotiates, none of them 2.x");
    }

    private static string Describe(IReadOnlyList<NetworkInterfaceInfo> entries) => string.Join("; ", entries.Select(entry => entry.ToString()));

    /// <summary>The query on a logged-on client at the target's multichannel dialect; Inconclusive without multichannel.</summary>
    private static async Task<(IReadOnlyList<NetworkInterfaceInfo> Entries, Smb2Response<IoctlResponse> Response)> QueryAsync(ScenarioContext context)
    {
        var dialect = SessionSteps.MultiChannelDialect(context);
        var client = await SessionSteps.LogOnAsync(context, new NegotiateOptions { Dialects = [dialect] });
        return await QueryOnAsync(context, client);
    }

    private static async Task<(IReadOnlyList<NetworkInterfaceInfo> Entries, Smb2Response<IoctlResponse> Response)> QueryOnAsync(ScenarioContext context, Smb2Client client)
    {
        var response = Smb2Response<IoctlResponse>.From(await client.Connection.SendOneAsync(QueryRequest(client, RequestSigning.Auto), context.CancellationToken));
        context.CheckStatus("3.3.5.15.11", "3.3.5.15.11#07", "IOCTL FSCTL_QUERY_NETWORK_INTERFACE_INFO", NtStatus.Success, response.Status);
        return (ReadEntries(context, response), response);
    }

    /// <summary>The interface list of a successful answer; a failure of 3.3.5.15.11#02 when it is not an array of NETWORK_INTERFACE_INFO.</summary>
    private static IReadOnlyList<NetworkInterfaceInfo> ReadEntries(ScenarioContext context, Smb2Response<IoctlResponse> response)
    {
        var body = context.CheckBody("3.3.5.15.11", "the FSCTL_QUERY_NETWORK_INTERFACE_INFO response", response);
        var entries = ChainedEntries.Read<NetworkInterfaceInfo>(body.Output);
        if (!entries.IsSuccess)
        {
            context.Fail("2.2.32.5", "3.3.5.15.11#02", "the output of FSCTL_QUERY_NETWORK_INTERFACE_INFO", "an array of NETWORK_INTERFACE_INFO", entries.Error.ToString());
        }
        return entries.Value;
    }

    /// <summary>The query as 3.2.4.20.10 builds it, on <paramref name="client"/>'s session and tree.</summary>
    private static Smb2Request QueryRequest(Smb2Client client, RequestSigning signing) => RequestSteps.Request(client, new IoctlRequest
    {
        CtlCode = FsctlCode.QueryNetworkInterfaceInfo,
        FileId = FileId.Related,
        Flags = IoctlFlags.IsFsctl,
        MaxOutputResponse = 65536,
    }, signing);
}
