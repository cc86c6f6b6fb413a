using CaseManagement.Security.ApiKeys;
using FluentAssertions;

namespace CaseManagement.UnitTests.Security;

public class the_api_key_secrets
{
    [Fact]
    public void a_generated_key_carries_its_prefix_and_matches_only_its_own_hash()
    {
        var (key, prefix) = ApiKeySecrets.Generate();
        var (other, _) = ApiKeySecrets.Generate();

        ApiKeySecrets.TryParsePrefix(key, out var parsed).Should().BeTrue();
        parsed.Should().Be(prefix);
        ApiKeySecrets.Matches(key, ApiKeySecrets.Hash(key)).Should().BeTrue();
        ApiKeySecrets.Matches(other, ApiKeySecrets.Hash(key)).Should().BeFalse();
        ApiKeySecrets.Hash(key).Should().NotContain(key[13..], "the stored hash reveals nothing of the secret");
    }

    [Theory]
    [InlineData("")]
    [InlineData("cmk_short")]
    [InlineData("ck_0123456789abcdef")]
    [InlineData("cmk_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void anything_else_is_not_a_key(string candidate) => ApiKeySecrets.TryParsePrefix(candidate, out _).Should().BeFalse();
}
