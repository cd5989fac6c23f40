using Conformance.Adapters.Tests.Captures;
using Conformance.Adapters.Wire;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Wire;

public class TransformHeaderTests
{
    // [SMB30] WRITE Request, transformed (PublishedVectors.EncryptionVectors[0]).
    private static byte[] Transformed => Hex(EncryptionVectors[0].Transformed);

    [Test]
    public void ReadsThePublishedHeader()
    {
        var header = TransformHeader.Read(Transformed).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(header.ProtocolId, Is.EqualTo(TransformHeader.TransformProtocolId));
            Assert.That(Convert.ToHexString(header.Signature), Is.EqualTo("81A286535415445DAE393921E44FA42E"));
            Assert.That(Convert.ToHexString(header.Nonce), Is.EqualTo("66E69A111892584FB5ED524A744DA3EE"));
            Assert.That(header.OriginalMessageSize, Is.EqualTo(0x87));
            Assert.That(header.Reserved, Is.EqualTo(0));
            Assert.That(header.Flags, Is.EqualTo(TransformHeader.Encrypted));
            Assert.That(header.SessionId, Is.EqualTo(0x8e40014000011));
        });
    }

    [Test]
    public void WritesThePublishedHeader()
    {
        var header = new TransformHeader
        {
            Signature = Hex("81A286535415445DAE393921E44FA42E"),
            Nonce = Hex("66E69A111892584FB5ED524A744DA3EE"),
            OriginalMessageSize = 0x87,
            SessionId = 0x8e40014000011,
        };
        var bytes = new byte[TransformHeader.Size];
        header.WriteTo(bytes);
        Assert.That(bytes, Is.EqualTo(Transformed.AsSpan(0, TransformHeader.Size).ToArray()));
    }

    [Test]
    public void TruncationAtEveryByteIsADecodeError()
    {
        var transformed = Transformed;
        for (var length = 0; length < transformed.Length; length++)
        {
            var result = TransformHeader.Read(transformed.AsSpan(0, length));
            Assert.That(result.IsSuccess, Is.False, $"length {length}");
            Assert.That(result.Error!.Clause, Is.EqualTo("2.2.41"));
        }
    }

    [TestCase(0, (byte)0xFE, "ProtocolId")]
    [TestCase(42, (byte)0x00, "Flags/EncryptionAlgorithm")]
    [TestCase(42, (byte)0x02, "Flags/EncryptionAlgorithm")]
    [TestCase(36, (byte)0x88, "OriginalMessageSize")]
    public void AWrongFieldIsNamed(int offset, byte value, string field)
    {
        var transformed = Transformed;
        transformed[offset] = value;
        var result = TransformHeader.Read(transformed);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void AHeaderWithNothingAfterItIsADecodeError()
    {
        var header = new TransformHeader { OriginalMessageSize = 0 };
        var bytes = new byte[TransformHeader.Size];
        header.WriteTo(bytes);
        Assert.That(TransformHeader.Read(bytes).Error?.Field, Is.EqualTo("OriginalMessageSize"));
    }

    // Every transformed message of the real encrypted capture (AES-128-GCM after session setup).
    [Test]
    public void ReadsAndRewritesEveryTransformHeaderOfTheEncryptedCapture()
    {
        var frames = Capture.Load("smbclient-SMB3-encrypt").Frames.Where(frame => frame.Bytes[0] == 0xFD).ToList();
        Assert.That(frames, Has.Count.GreaterThan(10));
        var sessionIds = new HashSet<ulong>();
        foreach (var frame in frames)
        {
            var result = TransformHeader.Read(frame.Bytes);
            Assert.That(result.IsSuccess, Is.True, $"{frame}: {result}");
            var rewritten = new byte[TransformHeader.Size];
            result.Value!.WriteTo(rewritten);
            Assert.That(rewritten, Is.EqualTo(frame.Bytes.AsSpan(0, TransformHeader.Size).ToArray()), frame.ToString());
            sessionIds.Add(result.Value.SessionId);
        }
        Assert.That(sessionIds, Has.Count.EqualTo(1), "one session");
    }
}
