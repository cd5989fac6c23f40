using Conformance.Adapters.Client;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;

namespace Conformance.Scenarios;

/// <summary>
/// Profile targets of a server the suite did not start: the target itself when it is seen running
/// with the profile, else none — the scenario is Inconclusive and says how to set the target up.
/// Each profile is looked at once per run.
/// </summary>
public sealed class ObservedProfileTargets(TargetSettings target, TargetCapabilities capabilities, ConnectionOptions options) : IProfileTargets
{
    private static readonly TimeSpan LookBound = TimeSpan.FromSeconds(30);
    private readonly Dictionary<ServerProfile, Task<string?>> lacking = [];
    private readonly Lock gate = new();

    public async Task<TargetSettings> GetAsync(ServerProfile profile, CancellationToken cancellationToken)
    {
        Task<string?> looking;
        lock (gate)
        {
            if (!lacking.TryGetValue(profile, out looking!))
            {
                looking = WhyLackingAsync(profile);
                lacking[profile] = looking;
            }
        }
        return await looking.WaitAsync(cancellationToken) is { } reason ? throw new ScenarioInconclusiveException(reason) : target;
    }

    /// <summary>Null when the target runs with <paramref name="profile"/>; else why it is not seen to.</summary>
    private async Task<string?> WhyLackingAsync(ServerProfile profile)
    {
        using var bound = new CancellationTokenSource(LookBound);
        switch (profile)
        {
            case ServerProfile.EncryptsEverySession:
            {
                if (!capabilities.Dialects.Any(dialect => dialect.IsSmb3()))
                {
                    return $"needs a target that encrypts every session; {target.Name} negotiates no 3.x dialect";
                }
                await using var client = await TargetProbe.LogOnAsync(target, options, bound.Token);
                return client.Session.EncryptData ? null
                    : $"needs a target that encrypts every session (EncryptData); {target.Name} did not ask this one to (SessionFlags {client.Session.SessionFlags}). " +
                      "Run it against a server set up so (Samba: 'smb encrypt = required'; Windows: Set-SmbServerConfiguration -EncryptData $true -RejectUnencryptedAccess $true)";
            }
            case ServerProfile.RequiresSigning:
            {
                await using var client = await TargetProbe.LogOnAsync(target, options, bound.Token);
                return (client.Connection.ServerSecurityMode & SecurityMode.SigningRequired) != 0 ? null
                    : $"needs a target that requires signing (RequireMessageSigning); {target.Name} announced SecurityMode {client.Connection.ServerSecurityMode}. " +
                      "Run it against a server set up so (Samba: 'server signing = mandatory'; Windows: Set-SmbServerConfiguration -RequireSecuritySignature $true)";
            }
            case ServerProfile.Smb2002Only:
                return capabilities.Dialects.SequenceEqual([Dialect.Smb202]) ? null
                    : $"needs a target that implements only the 2.0.2 dialect; {target.Name} negotiates {string.Join(", ", capabilities.Dialects.Order().Select(dialect => dialect.ToDisplayString()))}. " +
                      "Run it against a server set up so (Samba: 'server max protocol = SMB2_02')";
            case ServerProfile.Disabled:
                return $"needs a server whose SMB2 service is disabled (ServerEnabled FALSE) while its address is reachable; the suite cannot disable {target.Name}, " +
                       "and a target that cannot be reached cannot be told from one that refuses. The built-in reference server runs this disabled";
            case ServerProfile.ExpiringSessions:
                return $"needs sessions that expire within a scenario's time bound; {target.Name}'s sessions expire only when their Kerberos ticket does " +
                       "(Session.ExpirationTime, 3.3.5.5.3), which the suite cannot bring about. The built-in reference server runs this with a 1-second session lifetime";
            case ServerProfile.ShortOplockBreakTimeout:
                return target.OplockBreakTimeout is not null ? null
                    : $"waits out the oplock break acknowledgment timer (3.3.2.1), whose length on {target.Name} the run was not told. These scenarios are slow " +
                      "on a real server (Windows and Samba wait 35 s): opt in by naming it, SMB_TARGET_OPLOCK_BREAK_TIMEOUT=35 (or the OplockBreakTimeout run setting). " +
                      "The built-in reference server runs them with a 1-second timer";
            case ServerProfile.ShortDurableTimeout:
                return target.DurableTimeout is not null ? null
                    : $"waits out the time {target.Name} keeps a disconnected durable open (3.3.2.2), which the run was not told: opt in by naming it, " +
                      "SMB_TARGET_DURABLE_TIMEOUT=<seconds, at most 45> (or the DurableTimeout run setting), for a target set up to keep them that long. " +
                      "The built-in reference server runs them with a 1-second durable time-out";
            case ServerProfile.NoLeasing:
                return capabilities.Dialects.Any(dialect => (capabilities.Capabilities[dialect] & GlobalCapabilities.Leasing) != 0)
                    ? $"needs a target without leasing; {target.Name} announces SMB2_GLOBAL_CAP_LEASING. Run it against a server set up so (Samba: 'smb2 leases = no')"
                    : null;

            case ServerProfile.NetBiosSessionService:
                return target.NetBios is not null ? null
                    : $"checks the NetBIOS session service (RFC 1002) of MS-SMB2 2.1, and {target.Name} is reached over Direct TCP only. Run it with " +
                      "Transport=netbios (SMB_TARGET_TRANSPORT=netbios), Port (SMB_TARGET_PORT) the target's NetBIOS session service port (139; Samba: a port of 'smb ports') " +
                      "and NetBiosName (SMB_TARGET_NETBIOS_NAME) the name it answers to (default *SMBSERVER)";
            default:
                throw new ArgumentOutOfRangeException(nameof(profile), profile, null);
        }
    }
}
