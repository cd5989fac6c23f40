namespace Conformance.Adapters.Wire.Messages;

/// <summary>
/// SMB2 ERROR Context Response (current MS-SMB2 2.2.2.1): ErrorDataLength, ErrorId,
/// ErrorContextData. Dialect 3.1.1 only; in the ERROR Response each context starts 8-byte aligned.
/// </summary>
public sealed class ErrorContext
{
    public const int HeaderSize = 8;

    public ErrorId ErrorId { get; set; }

    /// <summary>Formatted as 2.2.2.2 says for the response's Status (raw here).</summary>
    public ReadOnlyMemory<byte> ErrorContextData { get; set; }

    /// <summary>Override: null writes ErrorContextData's length.</summary>
    public uint? ErrorDataLength { get; set; }

    public int Size => HeaderSize + ErrorContextData.Length;

    public void WriteTo(Span<byte> destination)
    {
        destination.U32(0, ErrorDataLength ?? (uint)ErrorContextData.Length);
        destination.U32(4, (uint)ErrorId);
        destination.Bytes(HeaderSize, ErrorContextData.Span);
    }

    public override string ToString() => $"error context {ErrorId}, {ErrorContextData.Length} bytes";
}
