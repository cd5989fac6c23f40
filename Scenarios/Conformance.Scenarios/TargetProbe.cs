using Conformance.Adapters.Client;
using Conformance.Adapters.Security.Ntlm;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Scenarios;

/// <summary>
/// Learns what the target supports, once per run: each dialect offered alone, each 3.1.1 cipher and
/// signing algorithm offered alone; and proves the configured account can log on and reach the share.
/// Any transport failure or a refused logon ends the run with one clear message.
/// </summary>
public static class TargetProbe
{
    public static async Task<TargetCapabilities> ProbeAsync(TargetSettings target, ConnectionOptions options, CancellationToken cancellationToken)
    {
        var dialects = new HashSet<Dialect>();
        var capabilities = new Dictionary<Dialect, GlobalCapabilities>();
        var serverGuid = Guid.Empty;
        foreach (var dialect in NegotiateOptions.AllDialects.Where(dialect => target.MaxDialect is null || dialect <= target.MaxDialect))
        {
            var response = await NegotiateAloneAsync(target, options, new NegotiateOptions { Dialects = [dialect] }, cancellationToken);
            if (response is { IsSuccess: true, Body: { } body } && body.DialectRevision == dialect)
            {
                dialects.Add(dialect);
                capabilities[dialect] = body.Capabilities;
                serverGuid = body.ServerGuid;
            }
        }
        var ciphers = new HashSet<Cipher>();
        var signing = new HashSet<SigningAlgorithm>();
        if (dialects.Contains(Dialect.Smb311))
        {
            foreach (var cipher in Enum.GetValues<Cipher>())
            {
                var response = await NegotiateAloneAsync(target, options, new NegotiateOptions { Dialects = [Dialect.Smb311], Ciphers = [cipher] }, cancellationToken);
                if (response.Body?.NegotiateContexts.OfType<EncryptionCapabilities>().SingleOrDefault()?.Ciphers is [var chosen] && chosen == cipher)
                {
                    ciphers.Add(cipher);
                }
            }
            foreach (var algorithm in Enum.GetValues<SigningAlgorithm>())
            {
                var response = await NegotiateAloneAsync(target, options, new NegotiateOptions { Dialects = [Dialect.Smb311], SigningAlgorithms = [algorithm] }, cancellationToken);
                if (response.Body?.NegotiateContexts.OfType<SigningCapabilities>().SingleOrDefault()?.SigningAlgorithms is [var chosen] && chosen == algorithm)
                {
                    signing.Add(algorithm);
                }
            }
        }
        if (dialects.Count == 0)
        {
            throw new TargetUnusableException($"{target} accepted none of the dialects offered one at a time (2.0.2 to {target.MaxDialect?.ToDisplayString() ?? "3.1.1"})");
        }
        await ProveLogonAsync(target, options, cancellationToken);
        return new TargetCapabilities
        {
            Dialects = dialects,
            Capabilities = capabilities,
            ServerGuid = serverGuid,
            Ciphers = ciphers,
            SigningAlgorithms = signing,
        };
    }

    private static async Task<Smb2Response<NegotiateResponse>> NegotiateAloneAsync(TargetSettings target, ConnectionOptions options, NegotiateOptions negotiate, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(target, options, cancellationToken);
        return await connection.NegotiateAsync(negotiate, cancellationToken);
    }

    private static async Task ProveLogonAsync(TargetSettings target, ConnectionOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await LogOnAsync(target, options, cancellationToken);
        }
        catch (Smb2ClientException e)
        {
            throw new TargetUnusableException($"{target}: cannot log on and reach the share: {e.Message}", e);
        }
    }

    public static NtlmCredential Credential(TargetSettings target) => new(target.Domain, target.User, target.Password);

    /// <summary>Connected, negotiated (up to the target's MaxDialect), logged on with the configured account and connected to the share.</summary>
    public static Task<Smb2Client> LogOnAsync(TargetSettings target, ConnectionOptions options, CancellationToken cancellationToken) =>
        Smb2ClientFactory.ConnectAsync(target.Host, target.Port, Credential(target),
            new Smb2ClientOptions { Connection = target.Reach(options), ShareName = target.Share, Negotiate = new NegotiateOptions { MaxDialect = target.MaxDialect ?? Dialect.Smb311 } },
            cancellationToken);

    private static async Task<Connection> ConnectAsync(TargetSettings target, ConnectionOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ConnectAsync(target.Host, target.Port, target.Reach(options), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TargetUnusableException($"{target} is unreachable: {e.Message}", e);
        }
    }
}
