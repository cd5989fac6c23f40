using Conformance.Adapters.Security;
using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;
using static Conformance.Adapters.Tests.Security.PublishedVectors;

namespace Conformance.Adapters.Tests.Security;

public class PreauthIntegrityHashTests
{
    [Test]
    public void TheChainOfTheSmb311BlogGivesEachPublishedValue()
    {
        var hash = PreauthIntegrityHash.Initial;
        Assert.That(hash.Value.ToArray(), Is.EqualTo(new byte[64]));
        foreach (var (name, message, hashAfter) in Smb311GcmPreauthChain)
        {
            hash = hash.Update(Hex(message));
            Assert.That(hash.ToString(), Is.EqualTo(hashAfter), name);
        }
    }

    // From the NEGOTIATE request to the signing key, nothing copied but the messages and the
    // session key: the signing key then verifies the final SESSION_SETUP response.
    [Test]
    public void TheChainDerivesTheSigningKeyThatVerifiesTheFinalResponse()
    {
        var hash = Smb311GcmPreauthChain.Aggregate(PreauthIntegrityHash.Initial, (h, step) => h.Update(Hex(step.Message)));
        var keys = SessionKeys.Derive(Dialect.Smb311, Smb2Role.Client, Hex(Smb311Gcm.SessionKey), hash.Value, Cipher.Aes128Gcm);
        Assert.That(Convert.ToHexString(keys.SigningKey), Is.EqualTo(Smb311Gcm.SigningKey));
        Assert.That(MessageSigner.Verify(SigningAlgorithm.AesCmac, keys.SigningKey, Hex(SignedMessages[0].Message)), Is.True);
    }

    [Test]
    public void CoversNegotiateSessionSetupRequestsAndIntermediateResponsesOnly()
    {
        foreach (var (name, message, _) in Smb311GcmPreauthChain)
        {
            Assert.That(PreauthIntegrityHash.Covers(Smb2Header.Read(Hex(message)).Unwrap()), Is.True, name);
        }
        Assert.Multiple(() =>
        {
            Assert.That(PreauthIntegrityHash.Covers(Smb2Header.Read(Hex(SignedMessages[0].Message)).Unwrap()), Is.False, "final SESSION_SETUP response");
            Assert.That(PreauthIntegrityHash.Covers(new Smb2Header { Command = Smb2Command.TreeConnect }), Is.False);
            Assert.That(PreauthIntegrityHash.Covers(new Smb2Header
            {
                Command = Smb2Command.SessionSetup,
                Flags = Smb2HeaderFlags.ServerToRedir,
                Status = 0xC000006D, // STATUS_LOGON_FAILURE ends the exchange
            }), Is.False);
        });
    }

    [Test]
    public void UpdateLeavesTheEarlierValueUnchanged()
    {
        var connection = PreauthIntegrityHash.Initial.Update(Hex(Smb311GcmPreauthChain[0].Message));
        var session = connection.Update(Hex(Smb311GcmPreauthChain[1].Message));
        Assert.Multiple(() =>
        {
            Assert.That(connection.ToString(), Is.EqualTo(Smb311GcmPreauthChain[0].HashAfter));
            Assert.That(session, Is.Not.EqualTo(connection));
            Assert.That(PreauthIntegrityHash.FromValue(session.Value), Is.EqualTo(session));
            Assert.That(PreauthIntegrityHash.Initial.Value.ToArray(), Is.EqualTo(new byte[64]));
        });
    }
}
