namespace Conformance.Adapters.Wire;

/// <summary>Dialect revision numbers (2.2.3, 2.2.4); 3.1.1 from the current MS-SMB2.</summary>
public enum Dialect : ushort
{
    Smb202 = 0x0202,
    Smb210 = 0x0210,
    Smb300 = 0x0300,
    Smb302 = 0x0302,
    Smb311 = 0x0311,
    /// <summary>SMB2 wildcard revision, answered to a multi-protocol negotiate (3.3.5.3.1).</summary>
    Smb2Wildcard = 0x02FF,
}

public static class DialectExtensions
{
    public static bool IsSmb3(this Dialect dialect) => dialect is Dialect.Smb300 or Dialect.Smb302 or Dialect.Smb311;

    public static string ToDisplayString(this Dialect dialect) => dialect switch
    {
        Dialect.Smb202 => "2.0.2",
        Dialect.Smb210 => "2.1",
        Dialect.Smb300 => "3.0",
        Dialect.Smb302 => "3.0.2",
        Dialect.Smb311 => "3.1.1",
        Dialect.Smb2Wildcard => "2.???",
        _ => $"0x{(ushort)dialect:X4}",
    };
}
