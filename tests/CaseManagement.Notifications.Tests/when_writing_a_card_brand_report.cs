using CaseManagement.Notifications.Submissions;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

/// <summary>The report to the acquirer and card brands after a card-data compromise (issue 14, item 9).</summary>
public sealed class when_writing_a_card_brand_report
{
    private static readonly CardIncidentFacts Card = new(
        SuspectedAt: new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero), AccountsAtRisk: 1_212, CardBrands: ["Visa", "Mastercard"],
        Acquirer: "Harbour Merchant Services", EvidencePreservation: "web server images and logs kept; the servers were isolated, not powered off",
        ForensicInvestigator: null);

    [Fact]
    public void the_report_carries_what_the_brands_guides_ask_for()
    {
        var report = CardBrandIncidentReport.Generate(Given.Facts(), Card);

        report.Kind.Should().Be("pci-card-brand-report");
        report.Sections.Select(s => s.Heading).Should().Equal("To", "Merchant", "Timeline", "Statement of known facts", "Cardholder data involved",
            "Containment and evidence", "Measures taken", "Deadlines this report answers");
        report.Sections[2].Text.Should().Contain("Compromise suspected: 2026-03-09 14:30 UTC").And.Contain("Merchant became aware: 2026-03-09 16:00 UTC");
        report.Sections[4].Text.Should().Contain("Card accounts at risk: 1,212");
        report.Sections[5].Text.Should().Contain("No PCI Forensic Investigator engaged yet", "whether one is needed is the acquirer's and the brands' call");
        report.Gaps.Should().BeEmpty("the record and the card facts give every item");
    }

    [Fact]
    public void what_is_not_known_is_a_gap_and_never_a_guess()
    {
        var report = CardBrandIncidentReport.Generate(Given.Facts(), new CardIncidentFacts());

        report.Gaps.Should().Equal(
            "the merchant's acquiring bank",
            "which card brands' cards were involved",
            "when the compromise was first suspected",
            "the number of card accounts at risk",
            "how logs and affected systems are preserved (they must not be powered off or wiped)");
        report.Sections[4].Text.Should().Contain("Card accounts at risk: [not yet known]", "people affected are not card accounts, so the count is not borrowed");
    }

    [Fact]
    public void the_account_numbers_never_go_into_the_report()
    {
        CardBrandIncidentReport.Generate(Given.Facts(), Card).Sections[4].Text
            .Should().Contain("The account numbers are not in this report: they go to the brands through the acquirer's secure channel");
    }
}
