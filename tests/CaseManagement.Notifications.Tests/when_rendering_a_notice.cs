using System.Security.Cryptography;
using System.Text;
using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_rendering_a_notice
{
    [Fact]
    public void every_model_field_is_reachable_by_its_snake_case_name()
    {
        var body = string.Join("\n", TemplateVariables.Names.Select(name => $"{name}={{{{ {name} }}}}"));

        var rendered = TemplateRenderer.Render(Given.Email("US-CA", "s", body), Given.Model);

        var lines = rendered.Body.Split('\n');
        lines.Should().HaveCount(TemplateVariables.Names.Count, "each field renders on its own line");
        lines.Should().Contain([
            "recipient.name=Jordan Miller",
            "recipient.email=jordan.miller@mail.example",
            "recipient.phone=+1 555 0100",
            "recipient.jurisdiction=US-CA",
            "incident.reference=INC-2026-0042",
            "incident.title=Card skimming script on the checkout page",
            "incident.breach_started_at=2 March 2026",
            "incident.breach_ended_at=9 March 2026",
            "incident.discovered_at=9 March 2026",
            "organisation.name=Lakeside Outdoor Supply",
            "organisation.contact_email=privacy@lakeside-outdoor.example",
            "organisation.contact_phone=+1 800 555 0199",
            "organisation.website=https://lakeside-outdoor.example",
            "organisation.postal_address=Lakeside Outdoor Supply, 100 Harbour Road, Springfield",
            "organisation.dpo_contact=Dana Whitfield, Data Protection Officer, dpo@lakeside-outdoor.example",
        ]);
        lines.Should().Contain(l => l.StartsWith("incident.what_happened=On 9 March 2026 we found"))
            .And.Contain(l => l.StartsWith("incident.likely_consequences=Someone could use your card details"))
            .And.Contain(l => l.StartsWith("incident.what_we_are_doing=We removed the script"))
            .And.Contain(l => l.StartsWith("incident.what_you_can_do=Check your card statements"));
    }

    [Fact]
    public void the_liquid_names_are_the_documented_ones()
    {
        TemplateVariables.Names.Should().Equal(
            "recipient.name", "recipient.email", "recipient.phone", "recipient.jurisdiction", "recipient.data_categories",
            "incident.reference", "incident.title", "incident.what_happened", "incident.breach_started_at", "incident.breach_ended_at",
            "incident.discovered_at", "incident.data_categories", "incident.likely_consequences", "incident.what_we_are_doing",
            "incident.what_you_can_do",
            "organisation.name", "organisation.contact_email", "organisation.contact_phone", "organisation.website",
            "organisation.postal_address", "organisation.dpo_contact");
    }

    [Theory]
    [InlineData("{{ incident.breach_started_at }}", "2 March 2026")]
    [InlineData("{{ incident.breach_started_at | date }}", "2 March 2026")]
    [InlineData("{{ incident.breach_started_at | date: '%B %-d, %Y' }}", "March 2, 2026")]
    [InlineData("{{ incident.breach_started_at | date: '%Y-%m-%d %H:%M' }}", "2026-03-02 08:15")]
    [InlineData("{{ incident.breach_started_at | date: '%d.%m.%Y' }}", "02.03.2026")]
    public void dates_are_utc_with_a_readable_default_and_take_a_format(string liquid, string expected)
    {
        TemplateRenderer.Render(Given.Email("US-CA", "s", liquid), Given.Model).Body
            .Should().Be(expected, "dates are UTC instants; without a format they read as day, month and year");
    }

    [Fact]
    public void an_unknown_date_renders_empty_and_can_be_tested_for()
    {
        var model = Given.Model with { Incident = Given.Model.Incident with { BreachStartedAt = null } };
        var template = Given.Email("US-CA", "s",
            "[{{ incident.breach_started_at | date }}] {% if incident.breach_started_at %}known{% else %}not yet known{% endif %}");

        TemplateRenderer.Render(template, model).Body.Should().Be("[] not yet known");
    }

    [Fact]
    public void lists_can_be_joined_looped_and_counted()
    {
        var template = Given.Email("US-CA", "s",
            "{{ recipient.data_categories | join: '; ' }}\n{% for c in recipient.data_categories %}* {{ c }}\n{% endfor %}{{ recipient.data_categories.size }} items, first {{ recipient.data_categories.first }}");

        TemplateRenderer.Render(template, Given.Model).Body.Should().Be(
            "Name; Billing address; Email address; Payment card number, expiry date and security code\n"
            + "* Name\n* Billing address\n* Email address\n* Payment card number, expiry date and security code\n"
            + "4 items, first Name");
    }

    [Fact]
    public void plain_text_is_not_html_escaped()
    {
        var model = Given.Model with { Organisation = Given.Model.Organisation with { Name = "Smith & Sons <Outdoor>" } };

        var rendered = TemplateRenderer.Render(Given.Email("US-CA", "{{ organisation.name }} \"news\"", "{{ organisation.name }} 'quoted'"), model);

        rendered.Subject.Should().Be("Smith & Sons <Outdoor> \"news\"", "a plain-text subject must show what the author and the record say");
        rendered.Body.Should().Be("Smith & Sons <Outdoor> 'quoted'", "HTML entities would show up literally in a text email or an SMS");
    }

    [Fact]
    public void a_missing_optional_value_can_fall_back_to_a_default()
    {
        var model = Given.Model with { Recipient = Given.Model.Recipient with { Name = null } };

        TemplateRenderer.Render(Given.Email("US-CA", "s", "Dear {{ recipient.name | default: 'Customer' }}"), model).Body
            .Should().Be("Dear Customer", "a null value is defined but empty, not an unknown variable");
    }

    [Fact]
    public void line_endings_become_newlines_and_trailing_whitespace_is_dropped()
    {
        var rendered = TemplateRenderer.Render(Given.Email("US-CA", "  Hello\r\n", "one\r\ntwo\rthree\r\n\r\n"), Given.Model);

        rendered.Subject.Should().Be("Hello");
        rendered.Body.Should().Be("one\ntwo\nthree", "the same notice must hash the same whichever editor wrote it");
    }

    [Fact]
    public void the_hash_is_sha256_over_subject_blank_line_and_body()
    {
        var rendered = TemplateRenderer.Render(Given.Email("US-CA", "Notice for {{ recipient.name }}", "Body {{ incident.reference }}"), Given.Model);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Notice for Jordan Miller\n\nBody INC-2026-0042")));
        rendered.Sha256.Should().Be(expected, "the delivery proof recomputes it from what was sent");
    }

    [Fact]
    public void the_same_input_gives_the_same_hash_and_a_changed_body_a_different_one()
    {
        var template = Given.Example("US-CA");

        var first = TemplateRenderer.Render(template, Given.Model);
        var again = TemplateRenderer.Prepare(template).Render(Given.Model);
        var changed = TemplateRenderer.Render(template with { Body = template.Body + "\nP.S." }, Given.Model);

        again.Sha256.Should().Be(first.Sha256, "rendering is deterministic");
        changed.Sha256.Should().NotBe(first.Sha256, "any change to the text is a different notice");
    }

    [Fact]
    public void an_sms_has_no_subject_and_hashes_an_empty_one()
    {
        var rendered = TemplateRenderer.Render(Given.Sms("{{ organisation.name }}: please read the email we sent about {{ incident.reference }}."), Given.Model);

        rendered.Subject.Should().BeNull();
        rendered.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("\n\n" + rendered.Body))));
    }

    [Fact]
    public void a_prepared_template_renders_each_recipient_with_their_own_fields()
    {
        var prepared = TemplateRenderer.Prepare(Given.Email("US-CA", "For {{ recipient.name }}", "{{ recipient.email }}"));
        var other = Given.Model with { Recipient = Given.Model.Recipient with { Name = "Sam Lee", Email = "sam@mail.example" } };

        prepared.Render(Given.Model).Subject.Should().Be("For Jordan Miller");
        prepared.Render(other).Body.Should().Be("sam@mail.example");
    }
}
