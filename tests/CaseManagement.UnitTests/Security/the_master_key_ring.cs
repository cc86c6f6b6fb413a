using System.Security.Cryptography;
using CaseManagement.Security.Pii;
using FluentAssertions;
using static CaseManagement.UnitTests.Security.PiiKeys;

namespace CaseManagement.UnitTests.Security;

/// <summary>Wrapping data keys with master keys, and rotating master keys.</summary>
public class the_master_key_ring
{
    private const string Subject = "subj_a";

    [Fact]
    public void a_wrapped_data_key_unwraps_to_the_same_bytes()
    {
        var ring = new MasterKeyRing(Options());
        var dataKey = DataKey();

        var wrapped = ring.Wrap(Subject, dataKey);

        wrapped.MasterKeyId.Should().Be("k1", "new keys are wrapped with the active master key");
        wrapped.Nonce.Should().HaveCount(12);
        wrapped.Tag.Should().HaveCount(16);
        wrapped.Ciphertext.Should().NotEqual(dataKey, "the data key is never stored in the clear");
        ring.Unwrap(Subject, wrapped).Should().Equal(dataKey, "unwrapping gives back the subject's key");
    }

    [Fact]
    public void wrapping_the_same_data_key_twice_gives_different_ciphertexts()
    {
        var ring = new MasterKeyRing(Options());
        var dataKey = DataKey();

        ring.Wrap(Subject, dataKey).Ciphertext.Should().NotEqual(ring.Wrap(Subject, dataKey).Ciphertext, "each wrap draws a fresh nonce");
    }

    [Fact]
    public void a_key_wrapped_for_one_subject_does_not_unwrap_for_another()
    {
        var ring = new MasterKeyRing(Options());
        var wrapped = ring.Wrap("subj_a", DataKey());

        FluentActions.Invoking(() => ring.Unwrap("subj_b", wrapped))
            .Should().Throw<CryptographicException>("the subject id is bound as associated data, so keys cannot be swapped between people");
    }

    [Fact]
    public void a_tampered_wrapped_key_is_rejected()
    {
        var ring = new MasterKeyRing(Options());
        var wrapped = ring.Wrap(Subject, DataKey());
        var ciphertext = (byte[])wrapped.Ciphertext.Clone();
        ciphertext[0] ^= 1;

        FluentActions.Invoking(() => ring.Unwrap(Subject, wrapped with { Ciphertext = ciphertext }))
            .Should().Throw<CryptographicException>("the GCM tag authenticates the wrapped key");
    }

    [Fact]
    public void a_key_relabelled_with_another_configured_master_key_id_is_rejected()
    {
        var ring = new MasterKeyRing(Options("k1", "k1", "k2"));
        var wrapped = ring.Wrap(Subject, DataKey());

        FluentActions.Invoking(() => ring.Unwrap(Subject, wrapped with { MasterKeyId = "k2" }))
            .Should().Throw<CryptographicException>("the master key id is bound as associated data");
    }

    [Fact]
    public void after_rotation_a_key_wrapped_under_the_old_master_key_still_unwraps_while_that_key_is_configured()
    {
        var before = Options("k1");
        var dataKey = DataKey();
        var wrapped = new MasterKeyRing(before).Wrap(Subject, dataKey);

        var rotated = new MasterKeyRing(new PiiOptions
        {
            ActiveMasterKeyId = "k2",
            MasterKeys = new() { ["k1"] = before.MasterKeys["k1"], ["k2"] = Base64Key() },
            SubjectIdKey = before.SubjectIdKey,
        });

        rotated.Unwrap(Subject, wrapped).Should().Equal(dataKey, "the wrapped key names its master key, and k1 is still configured");
        rotated.Wrap(Subject, dataKey).MasterKeyId.Should().Be("k2", "new keys go to the active master key");
    }

    [Fact]
    public void after_the_old_master_key_is_removed_unwrapping_fails_with_a_clear_message()
    {
        var wrapped = new MasterKeyRing(Options("k1")).Wrap(Subject, DataKey());
        var withoutK1 = new MasterKeyRing(Options("k2"));

        FluentActions.Invoking(() => withoutK1.Unwrap(Subject, wrapped))
            .Should().Throw<InvalidOperationException>("a missing master key is an operations mistake, not tampering")
            .WithMessage("master key 'k1' is not configured; keep retired master keys until every data key is rewrapped");
    }

    [Fact]
    public void an_invalid_configuration_is_refused_with_its_problems()
    {
        var options = Options();
        options.ActiveMasterKeyId = "missing";

        FluentActions.Invoking(() => new MasterKeyRing(options))
            .Should().Throw<InvalidOperationException>("the service must not start with keys it cannot use")
            .WithMessage("*'missing' is not one of Security:Pii:MasterKeys*");
    }
}
