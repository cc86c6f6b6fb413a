using CaseManagement.Notifications.Templates;
using CaseManagement.Rules.Catalogue;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_approving_a_template
{
    [Fact]
    public void syntax_and_content_problems_come_together()
    {
        var example = Given.Example("US-CA");
        var template = example with { Body = example.Body.Replace("What You Can Do.", "") + "\n{{ recipient.nmae }}" };

        var problems = TemplateApproval.Problems(template);

        problems.Select(p => p.Message).Should().Contain(m => m.StartsWith("unknown variable 'recipient.nmae'"))
            .And.Contain(m => m.StartsWith("heading 'What You Can Do' is required"));
    }

    [Fact]
    public void a_template_that_does_not_parse_is_not_checked_for_content()
    {
        var problems = TemplateApproval.Problems(Given.Email("US-CA", "Notice", "{% if recipient.name %}"));

        problems.Should().ContainSingle("field references are unknown until the text parses, so content problems would be noise")
            .Which.Message.Should().StartWith("syntax error:");
    }

    [Fact]
    public void a_jurisdiction_without_encoded_requirements_cannot_be_approved()
    {
        var problems = TemplateApproval.Problems(Given.Email("CH", "Notice", "{{ incident.what_happened }}"));

        problems.Should().ContainSingle().Which.Should().Be(new TemplateProblem("jurisdiction",
            "no content requirements are encoded for 'CH', so a notice for it cannot be checked or approved"));
    }

    [Fact]
    public void jurisdiction_codes_are_compared_case_insensitively()
    {
        TemplateApproval.Problems(Given.Example("US-CA") with { Jurisdiction = "us-ca" }).Should().BeEmpty();
    }

    [Fact]
    public void the_sample_model_renders_every_example_for_preview()
    {
        foreach (var name in ExampleTemplates.Names)
            name.Should().MatchRegex(@"^[a-z-]+\.email\.(en|fr)$");
        foreach (var jurisdiction in new[] { "US-CA", "EU", "US-TX" })
            TemplateRenderer.Render(Given.Example(jurisdiction), SampleModel.For(jurisdiction)).Body
                .Should().Contain("Jordan Miller").And.Contain("INC-2026-0042").And.NotContain("{{");
    }

    [Fact]
    public void the_examples_are_offered_per_jurisdiction_family()
    {
        ExampleTemplates.Names.Should().Equal("ca-qc.email.fr", "eu.email.en", "generic-us.email.en", "us-ca.email.en");
        ExampleTemplates.For("CA-QC", NotificationChannel.Email, "fr")!.Id.Should().Be("example-ca-qc.email.fr");
        ExampleTemplates.For("CA-QC", NotificationChannel.Email, "en").Should().BeNull("Quebec's example is French only");
        ExampleTemplates.For("*", NotificationChannel.Email, "en")!.Should().BeEquivalentTo(new { Id = "example-generic-us.email.en", Jurisdiction = "*" });
        ExampleTemplates.For("US-CA", NotificationChannel.Email, "en")!.Id.Should().Be("example-us-ca.email.en");
        ExampleTemplates.For("AT", NotificationChannel.Email, "en")!.Should().BeEquivalentTo(new { Id = "example-eu.email.en", Jurisdiction = "AT", Version = 1 });
        ExampleTemplates.For("US-OH", NotificationChannel.Email, "en")!.Id.Should().Be("example-generic-us.email.en");
        ExampleTemplates.For("US-CA", NotificationChannel.Sms, "en").Should().BeNull("no SMS example is shipped");
        ExampleTemplates.For("CH", NotificationChannel.Email, "en").Should().BeNull();
    }

    [Fact]
    public void every_cited_rule_is_a_notice_to_individuals_in_the_catalogue()
    {
        var catalogue = CatalogueStore.Embedded.Latest;
        var cited = new[] { "US-CA", "EU", "GB", "CA-QC" }
            .SelectMany(j => ContentRequirements.For(j)!.Requirements.Select(r => r.Rule.RuleId!))
            .Concat(ContentRequirements.StateRuleIds)
            .Distinct();

        foreach (var id in cited)
        {
            var rule = catalogue.Rule(id);
            rule.Recipients.Should().Contain(Recipient.Individuals, $"{id} is cited for the content of a notice to individuals");
            rule.Kind.Should().Be(RuleKind.Notification);
        }
    }

    [Fact]
    public void every_catalogued_state_with_a_notice_to_individuals_has_its_rule_cited()
    {
        var catalogue = CatalogueStore.Embedded.Latest;
        var states = catalogue.InRegion("US-state")
            .Where(r => r.Kind == RuleKind.Notification && r.Recipients.Contains(Recipient.Individuals))
            .Select(r => r.Jurisdiction)
            .Distinct();

        foreach (var state in states)
            ContentRequirements.For(state)!.Requirements.Should().OnlyContain(r => r.Rule.RuleId != null && catalogue.Rule(r.Rule.RuleId).Jurisdiction == state,
                $"{state} has a rule in the catalogue, so its requirements must cite it");
    }
}
