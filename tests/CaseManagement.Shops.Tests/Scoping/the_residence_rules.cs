using CaseManagement.Shops.Scoping;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Scoping;

/// <summary>How shop records become the jurisdiction codes the deadlines count people under.</summary>
public sealed class the_residence_rules
{
    [Theory]
    [InlineData("US", "CA", "US-CA")]
    [InlineData("us", " tx ", "US-TX")]
    [InlineData("US", "US-NY", "US-NY")]
    [InlineData("US", "California", "US-CA")]
    [InlineData("US", "district of columbia", "US-DC")]
    [InlineData("CA", "QC", "CA-QC")]
    [InlineData("CA", "Québec", "CA-QC")]
    [InlineData("AU", "NSW", "AU-NSW")]
    [InlineData("AU", "Victoria", "AU-VIC")]
    [InlineData("DE", "BY", "DE")]
    [InlineData("GB", null, "GB")]
    [InlineData("US", "Narnia", "US")]
    [InlineData("US", "", "US")]
    public void a_country_and_state_become_a_jurisdiction(string country, string? state, string expected) =>
        ResidenceRules.Jurisdiction(country, state).Should().Be(expected,
            "state rules apply per US state, Canadian province and Australian state; elsewhere the country decides; an unreadable state keeps the country");

    [Theory]
    [InlineData("")]
    [InlineData("XX")]
    [InlineData("Germany")]
    [InlineData(null)]
    public void an_unusable_country_gives_no_jurisdiction(string? country) =>
        ResidenceRules.Jurisdiction(country, "CA").Should().BeNull();

    [Fact]
    public void the_first_record_with_a_usable_country_wins_in_priority_order()
    {
        var residence = ResidenceRules.Resolve(
            new ResidenceRules.Candidate("order billing address", "", null),
            new ResidenceRules.Candidate("account billing address", "US", "OR"),
            new ResidenceRules.Candidate("order shipping address", "DE", null));

        residence.Should().Be(new Residence("US-OR", "account billing address"), "shipping is a last resort: it may be a gift recipient");
    }

    [Fact]
    public void no_usable_record_means_residence_unknown() =>
        ResidenceRules.Resolve(new ResidenceRules.Candidate("order billing address", null, null)).Should().Be(new Residence(null, "none"));
}
