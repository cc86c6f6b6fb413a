using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_checking_a_california_notice
{
    private const string Cite = "(us-ca-1798.82-individuals, Cal. Civ. Code 1798.82(d)(1))";

    private const string Complete = """
        Notice of Data Breach
        ## What Happened
        {{ incident.what_happened }} It began on {{ incident.breach_started_at | date: "%B %-d, %Y" }}.
        What Information Was Involved:
        {{ recipient.data_categories | join: ", " }}
        What We Are Doing
        {{ incident.what_we_are_doing }}
        What You Can Do
        {{ incident.what_you_can_do }}
        For More Information
        {{ organisation.contact_email }}
        """;

    private static IReadOnlyList<TemplateProblem> Check(string body, string subject = "Important information from {{ organisation.name }}") =>
        TemplateApproval.Problems(Given.Email("US-CA", subject, body));

    [Fact]
    public void the_shipped_example_passes()
    {
        TemplateApproval.Problems(Given.Example("US-CA")).Should().BeEmpty("the example is the starting point offered to compliance leads");
    }

    [Fact]
    public void a_complete_notice_passes_with_markdown_headings_and_colons()
    {
        Check(Complete).Should().BeEmpty();
    }

    [Fact]
    public void the_title_may_be_the_subject()
    {
        Check(Complete.Replace("Notice of Data Breach\n", ""), subject: "Notice of Data Breach – {{ organisation.name }}").Should().BeEmpty();
    }

    [Fact]
    public void a_missing_title_names_the_subject_and_cites_the_rule()
    {
        Check(Complete.Replace("Notice of Data Breach\n", "")).Should().ContainSingle().Which.Should().Be(new TemplateProblem("subject",
            $"title 'Notice of Data Breach' is required {Cite}"));
    }

    [Fact]
    public void a_missing_heading_is_quoted_with_the_rule_and_citation()
    {
        var problems = Check(Complete.Replace("What We Are Doing\n", ""));

        problems.Should().ContainSingle().Which.Should().Be(new TemplateProblem("body", $"heading 'What We Are Doing' is required {Cite}"));
        string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")).Should().Be(
            "body: heading 'What We Are Doing' is required (us-ca-1798.82-individuals, Cal. Civ. Code 1798.82(d)(1))");
    }

    [Fact]
    public void every_missing_heading_is_reported()
    {
        Check("Notice of Data Breach\n{{ incident.breach_started_at }} {{ organisation.contact_email }}").Select(p => p.Message)
            .Should().Equal(
                $"heading 'What Happened' is required {Cite}",
                $"heading 'What Information Was Involved' is required {Cite}",
                $"heading 'What We Are Doing' is required {Cite}",
                $"heading 'What You Can Do' is required {Cite}",
                $"heading 'For More Information' is required {Cite}");
    }

    [Fact]
    public void headings_out_of_order_are_reported_at_the_misplaced_heading()
    {
        var swapped = Complete
            .Replace("What We Are Doing\n{{ incident.what_we_are_doing }}", "@@")
            .Replace("What You Can Do\n{{ incident.what_you_can_do }}", "What We Are Doing\n{{ incident.what_we_are_doing }}")
            .Replace("@@", "What You Can Do\n{{ incident.what_you_can_do }}");

        Check(swapped).Should().ContainSingle().Which.Should().Be(new TemplateProblem("body",
            $"heading 'What You Can Do' must come after heading 'What We Are Doing' {Cite}", 6, 1));
    }

    [Fact]
    public void a_heading_mentioned_in_a_sentence_does_not_count()
    {
        Check(Complete.Replace("What You Can Do\n", "Here is What You Can Do about it.\n")).Should().ContainSingle()
            .Which.Message.Should().StartWith("heading 'What You Can Do' is required", "a heading is a line of its own");
    }

    [Fact]
    public void the_breach_date_is_required()
    {
        var problems = Check(Complete.Replace(" It began on {{ incident.breach_started_at | date: \"%B %-d, %Y\" }}.", ""));

        problems.Should().ContainSingle().Which.Message.Should().Be(
            "the date or estimated date of the breach is required: use {{ incident.breach_started_at }}, or a heading 'Date of Breach' "
            + "(us-ca-1798.82-individuals, Cal. Civ. Code 1798.82(d)(2))");
    }

    [Fact]
    public void the_breach_date_may_be_stated_under_its_own_heading()
    {
        Check(Complete.Replace(" It began on {{ incident.breach_started_at | date: \"%B %-d, %Y\" }}.", "\nDate of Breach:\nMarch 2, 2026"))
            .Should().BeEmpty();
    }

    [Fact]
    public void contact_information_is_required()
    {
        Check(Complete.Replace("{{ organisation.contact_email }}", "Write to us.")).Should().ContainSingle()
            .Which.Message.Should().StartWith("the contact information of the business is required: use {{ organisation.contact_email }}");
    }

    [Fact]
    public void a_phone_number_or_postal_address_is_contact_information_too()
    {
        Check(Complete.Replace("{{ organisation.contact_email }}", "{{ organisation.contact_phone }}")).Should().BeEmpty();
        Check(Complete.Replace("{{ organisation.contact_email }}", "{{ organisation.postal_address }}")).Should().BeEmpty();
    }

    [Fact]
    public void what_is_not_checked_is_said()
    {
        ContentRequirements.For("US-CA")!.NotEncoded.Should().Contain("10-point type").And.Contain("law-enforcement");
    }
}
