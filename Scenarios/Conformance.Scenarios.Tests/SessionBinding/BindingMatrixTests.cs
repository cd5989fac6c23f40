using Conformance.Adapters.Wire;
using Conformance.Adapters.Wire.NegotiateContexts;
using Conformance.Scenarios.SessionBinding;

namespace Conformance.Scenarios.Tests.SessionBinding;

/// <summary>The binding matrix as data: its extent, and the status it gives where two rules of 3.3.5.5 step 4 meet.</summary>
public class BindingMatrixTests
{
    private static readonly BindingSide Smb300 = new(Dialect.Smb300);

    [Test]
    public void Every_side_is_bound_from_every_side_under_each_session_group()
    {
        var groups = new (Dialect Dialect, SigningAlgorithm? Signing)[]
        {
            (Dialect.Smb210, null), (Dialect.Smb300, null), (Dialect.Smb302, null),
            (Dialect.Smb311, SigningAlgorithm.HmacSha256), (Dialect.Smb311, SigningAlgorithm.AesCmac), (Dialect.Smb311, SigningAlgorithm.AesGmac),
        };
        var rows = groups.SelectMany(group => BindingMatrix.Rows(group.Dialect, group.Signing, sameClientGuid: true)).ToList();

        Assert.That(BindingMatrix.Sides, Has.Count.EqualTo(15));
        Assert.That(rows, Has.Count.EqualTo(15 * 15));
        Assert.That(rows.Select(row => (row.Session, row.Channel)).Distinct().Count(), Is.EqualTo(15 * 15));
    }

    [Test]
    public void A_2x_channel_is_refused_before_anything_else()
    {
        var outcome = BindingMatrix.Outcome(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac, Cipher.Aes256Gcm), new BindingSide(Dialect.Smb210));

        Assert.That(outcome, Is.EqualTo(new BindingOutcome("3.3.5.5#17", NtStatus.RequestNotAccepted)).Using<BindingOutcome>(SameOutcome));
    }

    [Test]
    public void The_dialect_is_checked_before_the_AES_GMAC_rules()
    {
        var gmacChannel = BindingMatrix.Outcome(Smb300, new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac, Cipher.Aes128Ccm));
        var gmacSession = BindingMatrix.Outcome(new BindingSide(Dialect.Smb311, SigningAlgorithm.AesGmac, Cipher.Aes128Ccm), Smb300);

        Assert.Multiple(() =>
        {
            Assert.That(gmacChannel.Statuses, Is.EqualTo(new[] { NtStatus.InvalidParameter }));
            Assert.That(gmacChannel.Requirement, Is.EqualTo("3.3.5.5#08"));
            Assert.That(gmacSession.Statuses, Is.EqualTo(new[] { NtStatus.InvalidParameter }));
        });
    }

    [TestCase(SigningAlgorithm.AesCmac, SigningAlgorithm.AesGmac, "3.3.5.5#N04", 0xC00000BBu)]
    [TestCase(SigningAlgorithm.AesGmac, SigningAlgorithm.HmacSha256, "3.3.5.5#N05", 0xC000042Au)]
    public void A_signing_conflict_with_another_cipher_may_get_either_status(SigningAlgorithm session, SigningAlgorithm channel, string requirement, uint signingStatus)
    {
        var outcome = BindingMatrix.Outcome(new BindingSide(Dialect.Smb311, session, Cipher.Aes128Ccm), new BindingSide(Dialect.Smb311, channel, Cipher.Aes256Gcm));

        Assert.That(outcome.Requirement, Is.EqualTo(requirement));
        Assert.That(outcome.Statuses, Is.EquivalentTo(new[] { signingStatus, NtStatus.InvalidParameter }));
    }

    [TestCase(SigningAlgorithm.HmacSha256, SigningAlgorithm.AesCmac, Cipher.Aes128Gcm, Cipher.Aes128Gcm, 0u)]
    [TestCase(SigningAlgorithm.AesGmac, SigningAlgorithm.AesGmac, Cipher.Aes256Ccm, Cipher.Aes256Ccm, 0u)]
    [TestCase(SigningAlgorithm.AesCmac, SigningAlgorithm.AesCmac, Cipher.Aes128Ccm, Cipher.Aes128Gcm, 0xC000000Du)]
    public void At_311_HMAC_SHA256_and_AES_CMAC_mix_and_the_cipher_must_match(SigningAlgorithm session, SigningAlgorithm channel, Cipher sessionCipher, Cipher channelCipher, uint expected)
    {
        var outcome = BindingMatrix.Outcome(new BindingSide(Dialect.Smb311, session, sessionCipher), new BindingSide(Dialect.Smb311, channel, channelCipher));

        Assert.That(outcome.Statuses, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Another_ClientGuid_changes_no_status()
    {
        var same = BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesCmac, sameClientGuid: true);
        var other = BindingMatrix.Rows(Dialect.Smb311, SigningAlgorithm.AesCmac, sameClientGuid: false);

        Assert.That(other, Has.Count.EqualTo(same.Count).And.Count.EqualTo(4 * 15));
        Assert.That(other.Zip(same).All(pair => pair.First.Outcome.Statuses.SequenceEqual(pair.Second.Outcome.Statuses) && !pair.First.SameClientGuid), Is.True);
    }

    private static bool SameOutcome(BindingOutcome left, BindingOutcome right) =>
        left.Requirement == right.Requirement && left.Statuses.SequenceEqual(right.Statuses);
}
