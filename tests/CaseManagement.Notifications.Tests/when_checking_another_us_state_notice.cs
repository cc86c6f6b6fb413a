using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_checking_another_us_state_notice
{
    [Theory]
    [InlineData("US-TX")]
    [InlineData("US-NY")]
    [InlineData("US-NC")]
    public void the_shipped_generic_example_passes(string jurisdiction)
    {
        TemplateApproval.Problems(Given.Example(jurisdiction)).Should().BeEmpty();
    }

    [Fact]
    public void only_the_generic_minimum_is_required()
    {
        var problems = TemplateApproval.Problems(Given.Email("US-TX", "Notice", "{{ incident.what_happened }}"));

        problems.Select(p => p.Message).Should().Equal(
            "the types of personal information involved is required: use {{ incident.data_categories }} or {{ recipient.data_categories }}, "
            + "or a heading 'What Information Was Involved' (us-tx-individuals, Tex. Bus. & Com. Code 521.053(b), unverified)",
            "the contact information of the business is required: use {{ organisation.contact_email }} or {{ organisation.contact_phone }} "
            + "or {{ organisation.postal_address }} (us-tx-individuals, Tex. Bus. & Com. Code 521.053(b), unverified)");
    }

    [Fact]
    public void a_state_the_catalogue_does_not_cover_is_checked_for_the_minimum_and_says_so()
    {
        var problems = TemplateApproval.Problems(Given.Email("US-NC", "Notice", "{{ incident.what_happened }} {{ incident.data_categories | join: ', ' }}"));

        problems.Should().ContainSingle().Which.Message.Should().EndWith(
            "(no rule for US-NC in obligation catalogue 2026.12.1; generic US minimum, unverified)");
        ContentRequirements.For("US-NC")!.NotEncoded.Should().Contain("nothing about North Carolina was researched");
    }

    [Fact]
    public void the_generic_minimum_is_marked_unverified_and_the_state_specifics_are_listed_as_not_encoded()
    {
        var illinois = ContentRequirements.For("US-IL")!;

        illinois.Requirements.Should().OnlyContain(r => !r.Rule.Verified, "a minimum common to several statutes is our synthesis, not a checked rule");
        illinois.NotEncoded.Should().StartWith("Checked only for the generic US minimum")
            .And.Contain("must NOT state the number of Illinois residents affected");
    }

    [Fact]
    public void a_state_whose_law_may_forbid_part_of_the_minimum_is_flagged_for_review()
    {
        ContentRequirements.For("US-MA")!.NotEncoded.Should().Contain("UNVERIFIED").And.Contain("have counsel review");
    }
}
