using System.Buffers.Binary;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>Assertions on malformed input: a decoder returns a DecodeError naming the field, never throws.</summary>
public static class DecodeAssert
{
    /// <summary>Every proper prefix of <paramref name="message"/> (header plus a body without trailing bytes) fails to decode.</summary>
    public static void EveryTruncationFails<T>(byte[] message) where T : class, IMessageBody<T>
    {
        for (var length = 0; length < message.Length; length++)
        {
            var result = T.Read(message.AsMemory(0, length));
            Assert.That(result.IsSuccess, Is.False, $"{typeof(T).Name} truncated to {length} of {message.Length} bytes decoded");
        }
    }

    /// <summary>Decoding fails, and the error names <paramref name="field"/>.</summary>
    public static DecodeError Fails<T>(byte[] message, string field) where T : class, IMessageBody<T>
    {
        var result = T.Read(message);
        Assert.That(result.IsSuccess, Is.False, $"{typeof(T).Name} decoded");
        Assert.That(result.Error!.Field, Is.EqualTo(field), result.Error.ToString());
        return result.Error;
    }

    public static byte[] WithU16(byte[] message, int offset, ushort value)
    {
        var copy = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] WithU32(byte[] message, int offset, uint value)
    {
        var copy = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    /// <summary>A message of a capture (one whose frame is a single message).</summary>
    public static byte[] CapturedMessage(string capture, int frame) => Capture.Load(capture).Frames[frame].Bytes;

    /// <summary>A header for a hand-built message.</summary>
    public static byte[] Message(Smb2Command command, bool response, byte[] body, uint status = 0)
    {
        var header = new Smb2Header
        {
            Command = command,
            Flags = response ? Smb2HeaderFlags.ServerToRedir : Smb2HeaderFlags.None,
            Status = status,
            MessageId = 7,
            CreditRequestResponse = 1,
            TreeId = 5,
            SessionId = 0x0000400000000011,
        };
        var bytes = new byte[Smb2Header.Size + body.Length];
        header.WriteTo(bytes);
        body.CopyTo(bytes, Smb2Header.Size);
        return bytes;
    }
}
