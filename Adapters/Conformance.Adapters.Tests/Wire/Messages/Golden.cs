using System.Buffers.Binary;
using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>Golden messages (capture frames or hand-built) and the checks every body codec must pass on them.</summary>
internal static class Golden
{
    public static byte[] Frame(string capture, int index) => Capture.Load(capture).Frames[index].Bytes;

    /// <summary>Encodes <paramref name="body"/> under the header of <paramref name="golden"/>.</summary>
    public static byte[] EncodeWithHeaderOf(byte[] golden, IMessageBody body) =>
        Smb2Message.For(body, Smb2Header.Read(golden).Unwrap()).Encode();

    /// <summary>A message with the given header fields followed by <paramref name="body"/>'s bytes, built by hand.</summary>
    public static byte[] Message(Smb2Command command, bool response, uint status, params byte[] body)
    {
        var bytes = new byte[Smb2Header.Size + body.Length];
        new Smb2Header { Command = command, Status = status, Flags = response ? Smb2HeaderFlags.ServerToRedir : Smb2HeaderFlags.None, MessageId = 7, SessionId = 0x11, TreeId = 5, CreditRequestResponse = 1 }
            .WriteTo(bytes);
        body.CopyTo(bytes, Smb2Header.Size);
        return bytes;
    }

    public static byte[] Patched(byte[] message, int offset, params byte[] bytes)
    {
        var copy = (byte[])message.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }

    public static byte[] PatchedU16(byte[] message, int offset, ushort value)
    {
        var copy = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] PatchedU32(byte[] message, int offset, uint value)
    {
        var copy = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static DecodeError Fails<T>(byte[] message) where T : class, IMessageBody<T>
    {
        var result = T.Read(message);
        Assert.That(result.IsSuccess, Is.False, $"decoded {result}");
        return result.Error!;
    }

    /// <summary>Every prefix shorter than header plus body decodes to a DecodeError (and never throws).</summary>
    public static void EveryTruncationFails<T>(byte[] message) where T : class, IMessageBody<T>
    {
        var end = Smb2Header.Size + T.Read(message).Unwrap().Size;
        for (var length = 0; length < end; length++)
        {
            Assert.That(T.Read(message.AsMemory(0, length)).IsSuccess, Is.False, $"prefix of {length} of {end} bytes decoded");
        }
    }

    /// <summary>Setting any single byte to 0x00, 0x7F, 0x80 or 0xFF never makes the decoder throw.</summary>
    public static void NoByteChangeThrows<T>(byte[] message) where T : class, IMessageBody<T>
    {
        foreach (var value in new byte[] { 0x00, 0x7F, 0x80, 0xFF })
        {
            for (var offset = 0; offset < message.Length; offset++)
            {
                var changed = Patched(message, offset, value);
                Assert.DoesNotThrow(() => T.Read(changed), $"byte {offset} set to 0x{value:X2}");
            }
        }
    }

    /// <summary>Decodes and re-encodes through the compound framing, as a received message would be.</summary>
    public static byte[] ReEncode<T>(byte[] packet) where T : class, IMessageBody<T>
    {
        var slices = Smb2Compound.Split(packet).Unwrap();
        return Smb2Compound.Encode(slices.Select(slice => slice.ReadAs<T>().Unwrap()).ToList());
    }
}
