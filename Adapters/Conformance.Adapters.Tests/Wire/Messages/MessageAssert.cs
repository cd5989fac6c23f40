using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Wire.Messages;

internal static class MessageAssert
{
    /// <summary>The message as a single-message packet: header plus body, no trailing padding.</summary>
    public static byte[] Encode(Smb2Header header, IMessageBody body) => Smb2Message.For(body, header).Encode();

    /// <summary>Every proper prefix of <paramref name="message"/> gives a DecodeError, never an exception.</summary>
    public static void EveryTruncationFails<T>(byte[] message, Func<ReadOnlyMemory<byte>, DecodeResult<T>> read) where T : class
    {
        for (var length = 0; length < message.Length; length++)
        {
            var result = read(message.AsMemory(0, length));
            Assert.That(result.IsSuccess, Is.False, $"truncated to {length} of {message.Length} bytes");
        }
    }

    /// <summary>The decode fails with an error naming <paramref name="field"/> (a prefix of the error's Field is enough).</summary>
    public static DecodeError Fails<T>(DecodeResult<T> result, string field) where T : class
    {
        Assert.That(result.IsSuccess, Is.False, $"expected a DecodeError on {field}, got {result}");
        Assert.That(result.Error!.Field, Does.StartWith(field), result.Error.ToString());
        Assert.That(result.Error.Clause, Does.StartWith("2.2."), result.Error.ToString());
        return result.Error;
    }

    public static byte[] With(byte[] message, int offset, params byte[] bytes)
    {
        var copy = (byte[])message.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }

    public static byte[] WithU16(byte[] message, int offset, ushort value) => With(message, offset, BitConverter.GetBytes(value));

    public static byte[] WithU32(byte[] message, int offset, uint value) => With(message, offset, BitConverter.GetBytes(value));
}
