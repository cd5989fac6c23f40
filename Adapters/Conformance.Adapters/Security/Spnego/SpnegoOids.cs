namespace Conformance.Adapters.Security.Spnego;

/// <summary>Object identifiers a negotiation names (RFC 4178 4.1, MS-SPNG 1.9).</summary>
public static class SpnegoOids
{
    /// <summary>SPNEGO itself: the thisMech of the InitialContextToken (RFC 4178 3.1).</summary>
    public const string Spnego = "1.3.6.1.5.5.2";

    /// <summary>NTLMSSP (MS-NLMP 1.9).</summary>
    public const string Ntlmssp = "1.3.6.1.4.1.311.2.2.10";

    /// <summary>Kerberos v5 (RFC 4121) and the Microsoft variant Windows lists first (MS-SPNG 1.9).</summary>
    public const string Kerberos5 = "1.2.840.113554.1.2.2";
    public const string MsKerberos5 = "1.2.840.48018.1.2.2";
}
