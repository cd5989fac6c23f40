namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// One entry of an SMB_COM_NEGOTIATE request's dialect list (MS-CIFS 2.2.4.52.1): BufferFormat
/// (MUST be 0x02) and a null-terminated OEM DialectString such as "SMB 2.002" or "SMB 2.???".
/// </summary>
public sealed record Smb1Dialect(string DialectString, byte BufferFormat = Smb1Dialect.DialectBufferFormat)
{
    public const byte DialectBufferFormat = 0x02;

    public static implicit operator Smb1Dialect(string dialectString) => new(dialectString);

    public override string ToString() => DialectString;
}
