using CaseManagement.Notifications.Submissions;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_writing_a_california_attorney_general_sample
{
    private static readonly DateTimeOffset NoticeSent = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void the_sample_is_the_consumer_notice_without_personal_information()
    {
        var sample = CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-CA"), Given.Facts(), NoticeSent);

        var notice = sample.Sections.Single(s => s.Heading == "Sample notice").Text;
        notice.Should().StartWith("Subject: Notice of Data Breach from Lakeside Outdoor Supply\n\nNotice of Data Breach")
            .And.Contain("Dear [Recipient name],", "the recipient is a placeholder")
            .And.Contain("What We Are Doing.");
        sample.PlainText.Should().NotContain("Jordan").And.NotContain("jordan.miller@mail.example");
        sample.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void the_attorney_generals_form_facts_come_with_it()
    {
        var sample = CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-CA"), Given.Facts(), NoticeSent);

        sample.Kind.Should().Be("us-ca-ag-sample-notice");
        sample.Sections[0].Text.Should().Contain("(Cal. Civ. Code 1798.82(f))").And.Contain("California residents notified: 700");
        sample.Sections[1].Text.Should().Contain("Breach began: 2026-03-02 08:15 UTC").And.Contain("Individual notice provided: 2026-03-20 09:00 UTC");
    }

    [Fact]
    public void missing_dates_and_counts_are_gaps()
    {
        var sample = CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-CA"), Given.Facts(affected: new Dictionary<string, long> { ["DE"] = 3 }));

        sample.Gaps.Should().Equal("the number of California residents notified", "when the notice was provided to California residents");
    }

    [Fact]
    public void a_count_at_or_under_the_threshold_is_pointed_out()
    {
        var sample = CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-CA"), Given.Facts(affected: new Dictionary<string, long> { ["US-CA"] = 500 }), NoticeSent);

        sample.Sections[0].Text.Should().Contain("required when more than 500 are notified");
    }

    [Fact]
    public void the_sample_is_whatever_californians_received_and_says_when_it_was_not_checked_for_california()
    {
        var sample = CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-TX"), Given.Facts(), NoticeSent);

        sample.Sections[0].Text.Should().Contain("Content check: the template was approved against the Notice to residents of Texas (generic US minimum) requirements, "
            + "not the California notice to residents (Cal. Civ. Code 1798.82) requirements",
            "the Attorney General gets a copy of what residents got, and the record does not hide that it was not checked for California");
        sample.Sections[^1].Text.Should().Contain("What Happened", "the sample is the Texan template as sent");
    }

    [Fact]
    public void a_sample_approved_for_california_needs_no_content_note()
    {
        CaliforniaAttorneyGeneralSample.Generate(Given.Example("US-CA"), Given.Facts(), NoticeSent).PlainText.Should().NotContain("Content check");
    }
}
