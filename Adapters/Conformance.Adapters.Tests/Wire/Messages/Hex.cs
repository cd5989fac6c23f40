namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>Golden bytes written as commented hex pieces, one field per piece.</summary>
internal static class Hex
{
    public static byte[] Join(params string[] pieces) => Convert.FromHexString(string.Concat(pieces).Replace(" ", ""));
}
