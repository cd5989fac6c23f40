using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios.Negotiate;

/// <summary>
/// SecurityMode and Capabilities of the NEGOTIATE Response, per dialect (3.3.5.4; the current
/// MS-SMB2 3.3.5.4 limits SMB2_GLOBAL_CAP_ENCRYPTION to 3.0 and 3.0.2).
/// </summary>
public static class CapabilityScenarios
{
    /// <summary>Every capability bit 2.2.3 defines for a request.</summary>
    private const GlobalCapabilities AllClientCapabilities = GlobalCapabilities.Dfs | GlobalCapabilities.Leasing | GlobalCapabilities.LargeMtu
        | GlobalCapabilities.MultiChannel | GlobalCapabilities.PersistentHandles | GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Encryption;

    /// <summary>The bits 3.3.5.4 lets only a 3.x connection announce.</summary>
    private const GlobalCapabilities Smb3Only = GlobalCapabilities.MultiChannel | GlobalCapabilities.PersistentHandles
        | GlobalCapabilities.DirectoryLeasing | GlobalCapabilities.Encryption;

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#13"], Title = "At every dialect the response's SecurityMode has SMB2_NEGOTIATE_SIGNING_ENABLED")]
    public static async Task SigningEnabledAtEveryDialect(ScenarioContext context)
    {
        foreach (var dialect in context.Capabilities.Dialects.Order())
        {
            var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            context.CheckTrue("3.3.5.4", "3.3.5.4#13", $"SecurityMode at {dialect.ToDisplayString()}", (body.SecurityMode & SecurityMode.SigningEnabled) != 0,
                "SMB2_NEGOTIATE_SIGNING_ENABLED set", body.SecurityMode.ToString());
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#13"], Title = "A client requiring signing: the server's SecurityMode still has SIGNING_ENABLED; whether it changes is observed")]
    public static async Task ClientRequiringSigningDoesNotChangeServerSecurityMode(ScenarioContext context)
    {
        var dialect = context.Capabilities.HighestDialect;
        var plain = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
        var requiring = await NegotiateSteps.NegotiateExactlyAsync(context, dialect, request => request.SecurityMode = SecurityMode.SigningEnabled | SecurityMode.SigningRequired);
        context.CheckTrue("3.3.5.4", "3.3.5.4#13", "SecurityMode answered to a client requiring signing", (requiring.SecurityMode & SecurityMode.SigningEnabled) != 0,
            "SMB2_NEGOTIATE_SIGNING_ENABLED set", requiring.SecurityMode.ToString());
        // 3.3.5.4 derives SecurityMode from RequireMessageSigning only; the client's requirement sets Connection.ShouldSign.
        context.Observe(plain.SecurityMode == requiring.SecurityMode
            ? $"SecurityMode {plain.SecurityMode} whether or not the client requires signing"
            : $"SecurityMode changed with the client's requirement: {plain.SecurityMode} -> {requiring.SecurityMode} (3.3.5.4 derives it from RequireMessageSigning alone)");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#12", "3.3.5.4#16"], Title = "2.0.2: no LARGE_MTU (no multi-credit) and none of the 3.x capabilities, even when the client offers them all")]
    public static async Task Capabilities202HaveNoLaterDialectBits(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb202);
        var body = await NegotiateSteps.NegotiateExactlyAsync(context, Dialect.Smb202, request => request.Capabilities = AllClientCapabilities);
        var forbidden = GlobalCapabilities.LargeMtu | Smb3Only | GlobalCapabilities.Notifications;
        // LARGE_MTU is announced exactly when Connection.SupportsMultiCredit is TRUE, which 2.0.2 never sets.
        context.CheckEqual("3.3.5.4", "3.3.5.4#12, 3.3.5.4#16", "Capabilities at 2.0.2 outside DFS and LEASING", GlobalCapabilities.None, body.Capabilities & forbidden);
        context.Observe($"Capabilities at 2.0.2: {body.Capabilities}");
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#16"], Title = "2.1: none of the 3.x capabilities, even when the client offers them all")]
    public static async Task Capabilities210HaveNoSmb3Bits(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb210);
        var body = await NegotiateSteps.NegotiateExactlyAsync(context, Dialect.Smb210, request => request.Capabilities = AllClientCapabilities);
        context.CheckEqual("3.3.5.4", "3.3.5.4#16", "3.x-only Capabilities at 2.1 (MULTI_CHANNEL, PERSISTENT_HANDLES, DIRECTORY_LEASING, ENCRYPTION)",
            GlobalCapabilities.None, body.Capabilities & (Smb3Only | GlobalCapabilities.Notifications));
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#12", "3.3.5.4#16"], Title = "2.1 and later over Direct TCP: LARGE_MTU announced (Connection.SupportsMultiCredit)")]
    public static async Task LargeMtuAt210AndLater(ScenarioContext context)
    {
        var dialects = context.Capabilities.Dialects.Where(dialect => dialect >= Dialect.Smb210).Order().ToList();
        if (dialects.Count == 0)
        {
            throw new ScenarioInconclusiveException($"{context.Target.Name} negotiates no dialect after 2.0.2");
        }
        foreach (var dialect in dialects)
        {
            var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect);
            // 3.3.5.4: SupportsMultiCredit is TRUE at 2.1/3.x over port 445; the suite's Direct TCP port plays that part.
            context.CheckTrue("3.3.5.4", "3.3.5.4#12, 3.3.5.4#16", $"SMB2_GLOBAL_CAP_LARGE_MTU at {dialect.ToDisplayString()} over Direct TCP",
                (body.Capabilities & GlobalCapabilities.LargeMtu) != 0, "set", body.Capabilities.ToString());
        }
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#16"], Title = "3.0: a client offering no capabilities gets none of MULTI_CHANNEL, PERSISTENT_HANDLES, DIRECTORY_LEASING, ENCRYPTION")]
    public static Task NoSmb3CapabilitiesUnaskedAt300(ScenarioContext context) => NoSmb3CapabilitiesUnaskedAsync(context, Dialect.Smb300);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#16"], Title = "3.0.2: a client offering no capabilities gets none of MULTI_CHANNEL, PERSISTENT_HANDLES, DIRECTORY_LEASING, ENCRYPTION")]
    public static Task NoSmb3CapabilitiesUnaskedAt302(ScenarioContext context) => NoSmb3CapabilitiesUnaskedAsync(context, Dialect.Smb302);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#16"], Title = "3.1.1: a client offering no capabilities gets none of MULTI_CHANNEL, PERSISTENT_HANDLES, DIRECTORY_LEASING, ENCRYPTION, NOTIFICATIONS")]
    public static Task NoSmb3CapabilitiesUnaskedAt311(ScenarioContext context) => NoSmb3CapabilitiesUnaskedAsync(context, Dialect.Smb311);

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#N13"], Title = "3.1.1: SMB2_GLOBAL_CAP_ENCRYPTION is not announced even when the client sets it (encryption goes by the context)")]
    public static async Task NoEncryptionCapabilityAt311(ScenarioContext context)
    {
        context.RequireDialect(Dialect.Smb311);
        var body = await NegotiateSteps.NegotiateExactlyAsync(context, Dialect.Smb311, request => request.Capabilities = AllClientCapabilities);
        context.CheckEqual("3.3.5.4", "3.3.5.4#N13", "SMB2_GLOBAL_CAP_ENCRYPTION at 3.1.1 (current MS-SMB2: 3.0 and 3.0.2 only)",
            GlobalCapabilities.None, body.Capabilities & GlobalCapabilities.Encryption);
    }

    [Scenario(ScenarioFamily.Negotiate, "3.3.5.4", Requirements = ["3.3.5.4#08", "3.3.5.4#11", "3.3.5.4#16"], Title = "At every dialect the Capabilities hold only bits 3.3.5.4 lists (no NOTIFICATIONS unasked, nothing undefined)")]
    public static async Task OnlyListedCapabilityBitsAtEveryDialect(ScenarioContext context)
    {
        foreach (var dialect in context.Capabilities.Dialects.Order())
        {
            var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect, request => request.Capabilities = AllClientCapabilities);
            context.CheckEqual("3.3.5.4", "3.3.5.4#16", $"Capabilities at {dialect.ToDisplayString()} outside the bits listed for a client that did not offer NOTIFICATIONS",
                GlobalCapabilities.None, body.Capabilities & ~AllClientCapabilities);
        }
    }

    private static async Task NoSmb3CapabilitiesUnaskedAsync(ScenarioContext context, Dialect dialect)
    {
        context.RequireDialect(dialect);
        var body = await NegotiateSteps.NegotiateExactlyAsync(context, dialect, request => request.Capabilities = GlobalCapabilities.None);
        context.CheckEqual("3.3.5.4", "3.3.5.4#16", $"capabilities at {dialect.ToDisplayString()} that need the client to set them",
            GlobalCapabilities.None, body.Capabilities & (Smb3Only | GlobalCapabilities.Notifications));
    }
}
