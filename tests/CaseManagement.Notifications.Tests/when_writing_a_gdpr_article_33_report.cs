using System.Security.Cryptography;
using System.Text;
using CaseManagement.Notifications.Submissions;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_writing_a_gdpr_article_33_report
{
    private static readonly DateTimeOffset Within72Hours = Given.AwareAt.AddHours(40);
    private static readonly DateTimeOffset After72Hours = Given.AwareAt.AddHours(90);

    [Fact]
    public void the_article_33_3_items_come_in_the_regulations_order()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), Within72Hours);

        report.Kind.Should().Be("gdpr-art33-report");
        report.Sections.Select(s => s.Heading).Should().Equal(
            "Notification",
            "(a) Nature of the personal data breach (Art. 33(3)(a))",
            "(b) Data protection officer or other contact point (Art. 33(3)(b))",
            "(c) Likely consequences of the breach (Art. 33(3)(c))",
            "(d) Measures taken or proposed (Art. 33(3)(d))");
        report.Gaps.Should().BeEmpty("the record has every fact the report needs");
    }

    [Fact]
    public void the_nature_of_the_breach_gives_categories_and_approximate_numbers()
    {
        var nature = GdprArticle33Report.Generate(Given.Facts(), Within72Hours).Sections[1].Text;

        nature.Should().Contain("Categories of personal data: Name, Billing address, Email address, Payment card number, expiry date and security code")
            .And.Contain("Categories of data subjects: Customers")
            .And.Contain("Approximate number of data subjects resident in the EU/EEA: 650 (DE 400, FR 250)")
            .And.Contain("Approximate number of personal data records: 1,480")
            .And.Contain("Breach began: 2026-03-02 08:15 UTC")
            .And.Contain("Encryption: Card data was captured in the browser before encryption");
    }

    [Fact]
    public void the_contact_point_is_the_data_protection_officer()
    {
        GdprArticle33Report.Generate(Given.Facts(), Within72Hours).Sections[2].Text
            .Should().StartWith("Data protection officer: Dana Whitfield, Data Protection Officer, dpo@lakeside-outdoor.example");
    }

    [Fact]
    public void a_notification_within_72_hours_has_no_delay_section()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), Given.AwareAt.AddHours(72));

        report.Sections.Should().NotContain(s => s.Heading.StartsWith("Reasons for the delay"), "72 hours is still in time");
    }

    [Fact]
    public void a_late_notification_states_the_reasons_for_the_delay()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), After72Hours, delayReasons: "The forensic firm confirmed the data involved only on 12 March.");

        report.Sections[^1].Should().BeEquivalentTo(new
        {
            Heading = "Reasons for the delay (Art. 33(1))",
            Text = "This notification is made 90 hours after the controller became aware of the breach, later than 72 hours.\n"
                + "The forensic firm confirmed the data involved only on 12 March.",
        });
        report.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void a_late_notification_without_reasons_lists_them_as_a_gap()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), After72Hours);

        report.Sections[^1].Text.Should().EndWith("[not yet known]", "a reason is never invented");
        report.Gaps.Should().Equal("the reasons for notifying later than 72 hours after becoming aware (Art. 33(1))");
    }

    [Fact]
    public void facts_the_record_lacks_are_gaps_shown_as_not_yet_known()
    {
        var facts = Given.Facts(affected: new Dictionary<string, long>()) with
        {
            Incident = Given.Facts().Incident with { BreachStartedAt = null, DataCategories = [], LikelyConsequences = " " },
            RecordsAffected = null,
            DataSubjectCategories = [],
            EncryptionStatus = null,
            RiskAssessment = null,
        };

        var report = GdprArticle33Report.Generate(facts, Within72Hours);

        report.Gaps.Should().Equal(
            "when the breach began (date or estimated date)",
            "the categories of personal data concerned",
            "the categories of data subjects concerned (e.g. customers)",
            "the approximate number of data subjects resident in the EU/EEA",
            "the approximate number of personal data records concerned",
            "the likely consequences of the breach, in the controller's words for the supervisory authority");
        report.Sections[1].Text.Should().Contain("Approximate number of data subjects resident in the EU/EEA: [not yet known]").And.NotContain("Encryption");
    }

    [Fact]
    public void the_plain_text_holds_every_section_and_is_hashed()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), Within72Hours);

        report.PlainText.Should().StartWith(report.Title + "\n\nNotification\nTo: the supervisory authority\nController: Lakeside Outdoor Supply");
        foreach (var section in report.Sections) report.PlainText.Should().Contain($"{section.Heading}\n{section.Text}");
        report.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report.PlainText))));
        GdprArticle33Report.Generate(Given.Facts(), Within72Hours).Sha256.Should().Be(report.Sha256, "the same record gives the same document");
    }

    public static TheoryData<Dictionary<string, long>, long?, string, string> Scopes => new()
    {
        { new() { ["DE"] = 400, ["US-CA"] = 700, ["JP"] = 300, ["GB"] = 89 }, null, "resident in the EU/EEA: 400",
            "Californians, Japanese and Britons are not data subjects in an EU authority's scope" },
        { new() { ["NO"] = 12, ["FR"] = 30 }, null, "resident in the EU/EEA: 42 (FR 30, NO 12)", "Norway is in the EEA, where the GDPR applies" },
        { new() { ["US-CA"] = 700 }, null, "resident in the EU/EEA: [not yet known]", "nobody in scope is recorded, which is a gap, not zero" },
        { new() { ["DE"] = 400 }, 1_500, "A further 1,500 affected people have no recorded residence; they are not counted above and may include EU/EEA residents.",
            "people of unknown residence are neither counted nor hidden" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void only_data_subjects_in_the_authoritys_scope_are_counted(Dictionary<string, long> affected, long? unknown, string expected, string because)
    {
        var report = GdprArticle33Report.Generate(Given.Facts(affected) with { ResidenceUnknown = unknown }, Within72Hours);

        report.Sections[1].Text.Should().Contain(expected, because);
    }

    [Fact]
    public void the_report_speaks_to_the_regulator_not_to_the_data_subject()
    {
        var report = GdprArticle33Report.Generate(Given.Facts(), Within72Hours);

        report.Sections[3].Text.Should().Be("High: card data usable for fraud", "the controller's own risk reasoning, not the consumer text, states the consequences");
        report.PlainText.Should().NotContain(Given.Facts().Incident.LikelyConsequences, "'your card details' is written to a customer, not to an authority");
        report.Sections[4].Text.Should().Contain("Data subjects were advised, in the notice to them: \u201cCheck your card statements",
            "what customers were told is quoted as such");
        GdprArticle33Report.Generate(Given.Facts() with { ConsequencesForRegulator = "Card fraud is likely for about 650 customers." }, Within72Hours)
            .Sections[3].Text.Should().Be("Card fraud is likely for about 650 customers.", "words written for the authority come first");
    }

    [Fact]
    public void the_uk_report_goes_to_the_ico_and_counts_uk_residents()
    {
        var report = UkIcoReport.Generate(Given.Facts(new Dictionary<string, long> { ["GB"] = 89, ["DE"] = 400, ["US-CA"] = 700 }), Within72Hours);

        report.Kind.Should().Be("uk-ico-breach-report");
        report.Title.Should().StartWith("Notification of a personal data breach to the Information Commissioner's Office (UK GDPR Art. 33)");
        report.Sections[1].Text.Should().Contain("Approximate number of data subjects resident in the UK: 89", "only UK residents are in the ICO's scope");
        report.Sections.Select(s => s.Heading).Should().Contain("(c) Likely consequences of the breach (Art. 33(3)(c))", "the reference gives the ICO report 'as EU Art. 33(3)'");
    }

    [Fact]
    public void a_notification_before_awareness_is_refused()
    {
        var generate = () => GdprArticle33Report.Generate(Given.Facts(), Given.AwareAt.AddMinutes(-1));

        generate.Should().Throw<ArgumentException>();
    }
}
