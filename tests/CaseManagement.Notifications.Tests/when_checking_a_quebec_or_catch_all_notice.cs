using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

/// <summary>Catch-all templates are approved against the generic set; Quebec notices must be in French (issue 14, item 2).</summary>
public sealed class when_checking_a_quebec_or_catch_all_notice
{
    private static NotificationTemplate Quebec => ExampleTemplates.For("CA-QC", NotificationChannel.Email, "fr")
        ?? throw new InvalidOperationException("the French Quebec example is shipped");

    [Fact]
    public void the_french_quebec_example_passes_and_renders()
    {
        TemplateApproval.Problems(Quebec).Should().BeEmpty("the shipped example meets Quebec's requirements, French included");
        TemplateRenderer.Render(Quebec, SampleModel.For("CA-QC")).Body.Should().Contain("Renseignements personnels visés")
            .And.Contain("L'incident a commencé le 2026-03-02").And.Contain("INC-2026-0042");
    }

    public static TheoryData<string, Func<NotificationTemplate, NotificationTemplate>, string, string> QuebecProblems => new()
    {
        { "an English notice", t => t with { Language = "en" }, "language", "Quebec consumers have the right to be informed in French" },
        { "no measures the person can take", t => t with { Body = t.Body.Replace("Mesures que vous pouvez prendre\n{{ incident.what_you_can_do }}", "") },
            "body", "r. 3.1 s. 5(5) asks for the measures the person can take" },
        { "no date of the incident", t => t with { Body = t.Body.Replace("Date de l'incident\n", "").Replace("incident.breach_started_at", "incident.discovered_at") },
            "body", "r. 3.1 s. 5(3) asks for the date or period of the incident" },
    };

    [Theory]
    [MemberData(nameof(QuebecProblems))]
    public void a_quebec_notice_missing_a_requirement_is_not_approved(string situation, Func<NotificationTemplate, NotificationTemplate> change, string field, string because)
    {
        TemplateApproval.Problems(change(Quebec)).Should().Contain(p => p.Field == field, $"{situation}: {because}");
    }

    [Theory]
    [InlineData("fr", true)]
    [InlineData("fr-CA", true)]
    [InlineData("FR", true)]
    [InlineData("en", false)]
    [InlineData("en-CA", false)]
    public void french_is_recognised_by_its_primary_language_tag(string language, bool accepted)
    {
        ContentRequirements.For("CA-QC")!.Language!.AcceptedFor(language).Should().Be(accepted, "fr-CA is French, en-CA is not");
    }

    [Fact]
    public void the_french_requirement_is_marked_as_our_reading()
    {
        var language = ContentRequirements.For("CA-QC")!.Language!;

        language.Rule.Verified.Should().BeFalse("that the Charter reaches breach notices is our reading, not a checked source");
        language.Rule.Citation.Should().Contain("Charter of the French Language").And.Contain("s. 5");
        language.Rule.Note.Should().Contain("our reading");
    }

    [Fact]
    public void a_catch_all_template_is_approved_against_the_generic_requirements()
    {
        var catchAll = Given.Example("US-TX") with { Jurisdiction = ContentRequirements.CatchAll };

        TemplateApproval.Problems(catchAll).Should().BeEmpty("the generic example meets the declared generic set, so '*' is approvable");
    }

    [Fact]
    public void a_catch_all_template_without_advice_to_the_reader_is_not_approved()
    {
        var catchAll = Given.Example("US-TX") with
        {
            Jurisdiction = ContentRequirements.CatchAll,
            Body = Given.Example("US-TX").Body.Replace("What You Can Do\n{{ incident.what_you_can_do }}", ""),
        };

        TemplateApproval.Problems(catchAll).Should().ContainSingle().Which.Message.Should().StartWith("what the person can do to protect themselves is required",
            "the generic set asks for advice to the reader, which every encoded law wants in some form");
    }
}
