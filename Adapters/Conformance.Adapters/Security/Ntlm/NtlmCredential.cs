namespace Conformance.Adapters.Security.Ntlm;

/// <summary>
/// A user's credential: for a client, who it authenticates as; for a server's user table, who may
/// log on (a null <see cref="Domain"/> accepts the user from any domain). Empty user and password
/// mean anonymous.
/// </summary>
public sealed record NtlmCredential(string? Domain, string User, string Password)
{
    public static readonly NtlmCredential Anonymous = new("", "", "");

    public bool IsAnonymous => User.Length == 0 && Password.Length == 0;

    public override string ToString() => $"{Domain}\\{User}";
}
