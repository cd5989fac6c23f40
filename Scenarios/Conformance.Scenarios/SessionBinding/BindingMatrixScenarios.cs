using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.SessionBinding;

/// <summary>
/// The binding matrix of 3.3.5.5 step 4 (<see cref="BindingMatrix"/>): each scenario binds the rows of
/// one session setup (dialect, signing algorithm, cipher, ClientGuid) and reports every row whose
/// status differs from the spec's. A row the target cannot set up (a dialect, algorithm or cipher it
/// lacks) is skipped and named; a scenario with no row left is Inconclusive.
/// </summary>
public static class BindingMatrixScenarios
{
    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17"],
        Title = "Binding matrix: a 2.1 session bound from every side: 2.1 (REQUEST_NOT_ACCEPTED), each 3.x side (INVALID_PARAMETER: another dialect)")]
    public static Task BindingMatrix210Session(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb210, null, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#04", "3.3.5.5#08", "3.3.5.5#17"],
        Title = "Binding matrix: a 3.0 session bound from every side: 3.0 (accepted), 3.0.2 and each 3.1.1 side (INVALID_PARAMETER), 2.1 (REQUEST_NOT_ACCEPTED)")]
    public static Task BindingMatrix300Session(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb300, null, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#04", "3.3.5.5#08", "3.3.5.5#17"],
        Title = "Binding matrix: a 3.0.2 session bound from every side: 3.0.2 (accepted), 3.0 and each 3.1.1 side (INVALID_PARAMETER), 2.1 (REQUEST_NOT_ACCEPTED)")]
    public static Task BindingMatrix302Session(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb302, null, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N04", "3.3.5.5#N05", "3.3.5.5#N06"],
        Title = "Binding matrix: 3.1.1 HMAC-SHA256 sessions of each cipher bound from every side: HMAC-SHA256 and AES-CMAC of the same cipher accepted, AES-GMAC NOT_SUPPORTED, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixHmacSha256Session(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.HmacSha256, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N04", "3.3.5.5#N05", "3.3.5.5#N06"],
        Title = "Binding matrix: 3.1.1 AES-CMAC sessions of each cipher bound from every side: HMAC-SHA256 and AES-CMAC of the same cipher accepted, AES-GMAC NOT_SUPPORTED, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixAesCmacSession(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesCmac, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N05", "3.3.5.5#N06"],
        Title = "Binding matrix: 3.1.1 AES-GMAC sessions of each cipher bound from every side: AES-GMAC of the same cipher accepted, HMAC-SHA256 and AES-CMAC REQUEST_OUT_OF_SEQUENCE, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixAesGmacSession(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesGmac, sameClientGuid: true));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): a 2.1 session bound from every side: 2.1 (REQUEST_NOT_ACCEPTED), each 3.x side (INVALID_PARAMETER: another dialect)")]
    public static Task BindingMatrix210SessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb210, null, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#04", "3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): a 3.0 session bound from every side: 3.0 (accepted), 3.0.2 and each 3.1.1 side (INVALID_PARAMETER), 2.1 (REQUEST_NOT_ACCEPTED)")]
    public static Task BindingMatrix300SessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb300, null, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#04", "3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): a 3.0.2 session bound from every side: 3.0.2 (accepted), 3.0 and each 3.1.1 side (INVALID_PARAMETER), 2.1 (REQUEST_NOT_ACCEPTED)")]
    public static Task BindingMatrix302SessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb302, null, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N04", "3.3.5.5#N05", "3.3.5.5#N06", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): 3.1.1 HMAC-SHA256 sessions of each cipher bound from every side: HMAC-SHA256 and AES-CMAC of the same cipher accepted, AES-GMAC NOT_SUPPORTED, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixHmacSha256SessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.HmacSha256, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N04", "3.3.5.5#N05", "3.3.5.5#N06", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): 3.1.1 AES-CMAC sessions of each cipher bound from every side: HMAC-SHA256 and AES-CMAC of the same cipher accepted, AES-GMAC NOT_SUPPORTED, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixAesCmacSessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesCmac, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#08", "3.3.5.5#17", "3.3.5.5#N05", "3.3.5.5#N06", "3.3.5.5#05"],
        Title = "Binding matrix from another ClientGuid, the same statuses (3.3.5.5 looks the session up in GlobalSessionTable): 3.1.1 AES-GMAC sessions of each cipher bound from every side: AES-GMAC of the same cipher accepted, HMAC-SHA256 and AES-CMAC REQUEST_OUT_OF_SEQUENCE, another cipher or dialect INVALID_PARAMETER, 2.1 REQUEST_NOT_ACCEPTED")]
    public static Task BindingMatrixAesGmacSessionOtherClientGuid(ScenarioContext context) => RunAsync(context, BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesGmac, sameClientGuid: false));

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", "3.3.5.5.3", Requirements = ["3.3.5.5#N05", "3.3.5.5.3#39", "3.3.5.5.3#44"],
        Title = "3.1.1: a session and a channel that both sign with AES-GMAC bind, and the channel's requests verify with its own key")]
    public static async Task BindingWithAesGmacOnBothSides(ScenarioContext context)
    {
        var row = new BindingRow(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac), new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac));
        var skipped = new List<string>();
        var (first, channel, bind) = await BindRowAsync(context, row, skipped) ?? throw new ScenarioInconclusiveException($"cannot set up {string.Join("; ", skipped)}");
        context.CheckStatus("3.3.5.5", "3.3.5.5#N05", $"binding {row}", NtStatus.Success, bind.Status);
        context.CheckEqual("3.3.5.5.3", "3.3.5.5.3#44", "the final binding response's signature (AES-GMAC with the channel key)", SignatureVerdict.Valid, bind.Response.Signature);
        var echo = await channel.EchoAsync(first.Session, context.CancellationToken);
        context.CheckStatus("3.3.5.5.3", "3.3.5.5.3#39", "ECHO on the AES-GMAC channel", NtStatus.Success, echo.Status);
    }

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#N04"],
        Title = "3.1.1: binding an AES-CMAC session from an AES-GMAC connection: STATUS_NOT_SUPPORTED")]
    public static Task BindingAesGmacChannelToAesCmacSession(ScenarioContext context) =>
        RunAsync(context, [new BindingRow(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesCmac), new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac))]);

    [Scenario(ScenarioFamily.SessionBinding, "3.3.5.5", Requirements = ["3.3.5.5#N05"],
        Title = "3.1.1: binding an AES-GMAC session from an AES-CMAC connection: STATUS_REQUEST_OUT_OF_SEQUENCE")]
    public static Task BindingAesCmacChannelToAesGmacSession(ScenarioContext context) =>
        RunAsync(context, [new BindingRow(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac), new BindingSide(Dialect.Smb311, SigningAlgorithm.AesCmac))]);

    /// <summary>Binds every row the target can set up; one failure lists every row whose status differs.</summary>
    private static async Task RunAsync(ScenarioContext context, IReadOnlyList<BindingRow> rows)
    {
        // The matrix is about a multichannel server: without the capability every row would only show the 2.x refusal.
        SessionSteps.MultiChannelDialect(context);
        var failures = new List<(BindingRow Row, uint Actual)>();
        var skipped = new List<string>();
        foreach (var row in rows)
        {
            if (await BindRowAsync(context, row, skipped) is not { } bound)
            {
                continue;
            }
            if (!row.Outcome.Statuses.Contains(bound.Bind.Status))
            {
                failures.Add((row, bound.Bind.Status));
            }
            // A row's two connections go as soon as it is read: a whole part of the matrix at once would pass the server's connection limit.
            await bound.Channel.DisposeAsync();
            await bound.First.DisposeAsync();
        }
        foreach (var reason in skipped)
        {
            context.Observe($"row skipped: {reason}");
        }
        if (skipped.Count == rows.Count)
        {
            throw new ScenarioInconclusiveException($"no row of this part of the binding matrix can be set up on {context.Target.Name}: {string.Join("; ", skipped)}");
        }
        if (failures.Count > 0)
        {
            context.Fail("3.3.5.5", failures[0].Row.Outcome.Requirement, $"binding matrix, {failures.Count} of {rows.Count - skipped.Count} rows",
                string.Join("; ", failures.Select(failure => $"{failure.Row}: {failure.Row.Outcome}")),
                string.Join("; ", failures.Select(failure => $"{failure.Row}: {NtStatus.Describe(failure.Actual)}")));
        }
    }

    /// <summary>Logs on as <see cref="BindingRow.Session"/> says and binds from a connection negotiated as <see cref="BindingRow.Channel"/> says; null (with the reason in <paramref name="skipped"/>) when the target cannot set the row up.</summary>
    private static async Task<(Smb2Client First, Connection Channel, SessionSetupResult Bind)?> BindRowAsync(ScenarioContext context, BindingRow row, List<string>? skipped = null)
    {
        var lacking = Lacking(context, row.Session) ?? Lacking(context, row.Channel);
        if (lacking is not null)
        {
            skipped?.Add($"{row}: {lacking}");
            return null;
        }
        var clientGuid = Guid.NewGuid();
        var first = await SessionSteps.LogOnAsync(context, row.Session.Options(clientGuid));
        var channel = row.SameClientGuid
            ? await ChannelSteps.NegotiatedOfClientAsync(context, first.Client, row.Channel.Options(clientGuid))
            : await SessionSteps.NegotiatedAsync(context, row.Channel.Options(Guid.NewGuid()));
        if ((Mismatch(first.Connection, row.Session) ?? Mismatch(channel, row.Channel)) is { } mismatch)
        {
            skipped?.Add($"{row}: {mismatch}");
            await channel.DisposeAsync();
            await first.DisposeAsync();
            return null;
        }
        var bind = await channel.SessionSetupAsync(TargetProbe.Credential(context.Target), new SessionSetupOptions { BindTo = first.Session }, context.CancellationToken);
        return (first, channel, bind);
    }

    /// <summary>Why the target cannot give a connection of <paramref name="side"/>; a 3.x one must also announce SMB2_GLOBAL_CAP_MULTI_CHANNEL.</summary>
    private static string? Lacking(ScenarioContext context, BindingSide side)
    {
        var capabilities = context.Capabilities;
        if (!capabilities.Dialects.Contains(side.Dialect))
        {
            return $"{context.Target.Name} does not negotiate {side.Dialect.ToDisplayString()}";
        }
        if (side.Dialect.IsSmb3() && (capabilities.Capabilities[side.Dialect] & GlobalCapabilities.MultiChannel) == 0)
        {
            return $"{context.Target.Name} announces no SMB2_GLOBAL_CAP_MULTI_CHANNEL at {side.Dialect.ToDisplayString()}";
        }
        if (side.Dialect == Dialect.Smb311 && !capabilities.SigningAlgorithms.Contains(side.Signing))
        {
            return $"{context.Target.Name} does not negotiate the signing algorithm {side.Signing}";
        }
        return side.Cipher is { } cipher && !capabilities.Ciphers.Contains(cipher) ? $"{context.Target.Name} does not negotiate the cipher {cipher}" : null;
    }

    private static string? Mismatch(Connection connection, BindingSide side)
    {
        if (connection.Dialect != side.Dialect)
        {
            return $"the connection negotiated {connection.Dialect?.ToDisplayString()}, not {side.Dialect.ToDisplayString()}";
        }
        if (side.Dialect == Dialect.Smb311 && connection.SigningAlgorithm != side.Signing)
        {
            return $"the connection signs with {connection.SigningAlgorithm}, not {side.Signing}";
        }
        return side.Cipher is { } cipher && connection.CipherId != cipher ? $"the connection's cipher is {connection.CipherId}, not {cipher}" : null;
    }
}
