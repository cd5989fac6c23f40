namespace Conformance.Adapters.Security.Spnego;

/// <summary>
/// NegHints of a NegTokenInit2 (MS-SPNG 2.2.1): hintName [0] GeneralString, hintAddress [1] OCTET STRING.
/// Samba and Windows servers send hintName "not_defined_in_RFC4178@please_ignore".
/// </summary>
public sealed class NegHints
{
    public const string PleaseIgnore = "not_defined_in_RFC4178@please_ignore";

    public string? HintName { get; set; }
    public ReadOnlyMemory<byte>? HintAddress { get; set; }
}
