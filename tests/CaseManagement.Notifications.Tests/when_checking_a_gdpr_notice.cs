using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_checking_a_gdpr_notice
{
    private const string Complete = """
        What happened
        {{ incident.what_happened }}
        Likely consequences
        {{ incident.likely_consequences }}
        What we are doing
        {{ incident.what_we_are_doing }}
        Contact: {{ organisation.dpo_contact }}
        """;

    [Theory]
    [InlineData("EU")]
    [InlineData("DE")]
    [InlineData("FR")]
    [InlineData("NO")]
    [InlineData("GB")]
    public void the_shipped_example_passes(string jurisdiction)
    {
        TemplateApproval.Problems(Given.Example(jurisdiction)).Should().BeEmpty();
    }

    [Fact]
    public void a_complete_notice_passes()
    {
        TemplateApproval.Problems(Given.Email("DE", "Data breach", Complete)).Should().BeEmpty();
    }

    [Fact]
    public void a_missing_contact_point_is_reported_with_the_articles()
    {
        var problems = TemplateApproval.Problems(Given.Email("DE", "Data breach", Complete.Replace("Contact: {{ organisation.dpo_contact }}", "")));

        problems.Should().ContainSingle().Which.Should().Be(new TemplateProblem("body",
            "the name and contact details of the data protection officer or other contact point is required: "
            + "use {{ organisation.dpo_contact }} or {{ organisation.contact_email }} "
            + "(eu-gdpr-art34-data-subjects, GDPR Art. 34(2), 33(3)(b))"));
    }

    [Fact]
    public void the_contact_email_is_a_contact_point()
    {
        TemplateApproval.Problems(Given.Email("DE", "Data breach", Complete.Replace("organisation.dpo_contact", "organisation.contact_email")))
            .Should().BeEmpty();
    }

    [Fact]
    public void nature_consequences_and_measures_are_each_required()
    {
        var problems = TemplateApproval.Problems(Given.Email("EU", "Data breach", "Contact {{ organisation.contact_email }}"));

        problems.Select(p => p.Message).Should().SatisfyRespectively(
            m => m.Should().StartWith("a description of the nature of the breach is required: use {{ incident.what_happened }}, or a heading 'What happened'"),
            m => m.Should().StartWith("the likely consequences of the breach is required").And.EndWith("(eu-gdpr-art34-data-subjects, GDPR Art. 34(2), 33(3)(c))"),
            m => m.Should().StartWith("the measures taken or proposed to address the breach is required").And.EndWith("GDPR Art. 34(2), 33(3)(d))"));
    }

    [Fact]
    public void a_heading_satisfies_a_requirement_without_the_field()
    {
        var text = Complete.Replace("{{ incident.likely_consequences }}", "Your card could be misused.");

        TemplateApproval.Problems(Given.Email("DE", "Data breach", text)).Should().BeEmpty();
    }

    [Fact]
    public void a_uk_notice_cites_the_uk_gdpr()
    {
        var problems = TemplateApproval.Problems(Given.Email("GB", "Data breach", Complete.Replace("Contact: {{ organisation.dpo_contact }}", "")));

        problems.Should().ContainSingle().Which.Message.Should().EndWith("(gb-ukgdpr-art34-data-subjects, UK GDPR Art. 34(2), 33(3)(b))");
    }
}
