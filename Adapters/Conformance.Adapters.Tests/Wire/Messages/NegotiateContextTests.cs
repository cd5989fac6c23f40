using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.Messages;
using Conformance.Adapters.Wire.NegotiateContexts;

namespace Conformance.Adapters.Tests.Wire.Messages;

/// <summary>
/// Context kinds the captures do not carry (compression, an unknown type, surplus Data), on a
/// NEGOTIATE Request built by hand from the current MS-SMB2 2.2.3 / 2.2.3.1 layout.
/// </summary>
public class NegotiateContextTests
{
    private static readonly byte[] Body = Convert.FromHexString(
        "2400" + "0100" + "0100" + "0000" + "00000000" + "00000000000000000000000000000000" +
        "68000000" + "0200" + "0000" + // NegotiateContextOffset 104, NegotiateContextCount 2, Reserved2
        "1103" + "0000" +               // Dialects [0x0311], padding to offset 104
        "0300" + "0A00" + "00000000" + "0100" + "0000" + "01000000" + "0500" + // COMPRESSION: 1 algorithm, CHAINED, LZ4
        "000000000000" +                // padding to offset 128
        "0600" + "0400" + "00000000" + "01000000"); // type 6 (TRANSPORT_CAPABILITIES), kept raw

    private static byte[] Request => Golden.Message(Smb2Command.Negotiate, false, 0, Body);

    [Test]
    public void DecodesCompressionAndKeepsAnUnmodelledContextRaw()
    {
        var request = NegotiateRequest.Read(Request).Unwrap();
        Assert.Multiple(() =>
        {
            Assert.That(request.NegotiateContexts, Has.Count.EqualTo(2));
            var compression = (CompressionCapabilities)request.NegotiateContexts[0];
            Assert.That(compression.Flags, Is.EqualTo(CompressionCapabilitiesFlags.Chained));
            Assert.That(compression.CompressionAlgorithms, Is.EqualTo(new[] { CompressionAlgorithm.Lz4 }));
            var raw = (RawNegotiateContext)request.NegotiateContexts[1];
            Assert.That(raw.ContextType, Is.EqualTo(NegotiateContextType.TransportCapabilities));
            Assert.That(raw.Data.ToArray(), Is.EqualTo(new byte[] { 1, 0, 0, 0 }));
        });
    }

    [Test]
    public void EncodesCompressionAndARawContextWithAlignment()
    {
        var request = new NegotiateRequest
        {
            Dialects = [Dialect.Smb311],
            NegotiateContexts =
            [
                new CompressionCapabilities { Flags = CompressionCapabilitiesFlags.Chained, CompressionAlgorithms = [CompressionAlgorithm.Lz4] },
                new RawNegotiateContext(NegotiateContextType.TransportCapabilities, new byte[] { 1, 0, 0, 0 }),
            ],
        };
        Assert.That(Golden.EncodeWithHeaderOf(Request, request), Is.EqualTo(Request));
    }

    [Test]
    public void SurplusDataIsKeptAndReEncoded()
    {
        // The compression context claims 12 bytes of Data: two beyond its fields (the padding shrinks by two).
        var bytes = Golden.Patched(Golden.PatchedU16(Request, 106, 12), 122, 0xEE, 0xFF);
        var context = (CompressionCapabilities)NegotiateRequest.Read(bytes).Unwrap().NegotiateContexts[0];
        Assert.Multiple(() =>
        {
            Assert.That(context.ExtraData.ToArray(), Is.EqualTo(new byte[] { 0xEE, 0xFF }));
            Assert.That(context.CompressionAlgorithms, Is.EqualTo(new[] { CompressionAlgorithm.Lz4 }));
            Assert.That(Golden.ReEncode<NegotiateRequest>(bytes), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void AnOddNetNameLengthKeepsTheLastByteAsExtraData()
    {
        var request = new NegotiateRequest
        {
            Dialects = [Dialect.Smb311],
            NegotiateContexts = [new NetnameNegotiateContextId { NetName = "srv", ExtraData = new byte[] { 0x41 } }],
        };
        var bytes = Smb2Message.For(request).Encode();
        var context = (NetnameNegotiateContextId)NegotiateRequest.Read(bytes).Unwrap().NegotiateContexts[0];
        Assert.Multiple(() =>
        {
            Assert.That(bytes[106..108], Is.EqualTo(new byte[] { 7, 0 }), "DataLength counts the extra byte");
            Assert.That(context.NetName, Is.EqualTo("srv"));
            Assert.That(context.ExtraData.ToArray(), Is.EqualTo(new byte[] { 0x41 }));
        });
    }

    [Test]
    public void AHugeCompressionAlgorithmCountIsADecodeError()
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Request, 112, 0x8000));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[0].CompressionAlgorithmCount"));
        Assert.That(error.Clause, Is.EqualTo("2.2.3.1.3"));
    }

    [Test]
    public void ADataLengthTooShortForTheFieldsIsADecodeError()
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Request, 106, 4));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[0].DataLength"));
    }

    [Test]
    public void TheLastContextsDataLengthPastTheEndIsADecodeError()
    {
        var error = Golden.Fails<NegotiateRequest>(Golden.PatchedU16(Request, 130, 5));
        Assert.That(error.Field, Is.EqualTo("NegotiateContextList[1].DataLength"));
        Assert.That(error.Offset, Is.EqualTo(130));
    }

    [Test]
    public void EveryTruncationIsADecodeError() => Golden.EveryTruncationFails<NegotiateRequest>(Request);

    [Test]
    public void NoByteChangeThrows() => Golden.NoByteChangeThrows<NegotiateRequest>(Request);
}
