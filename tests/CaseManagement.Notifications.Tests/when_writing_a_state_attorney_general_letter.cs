using CaseManagement.Notifications.Submissions;
using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_writing_a_state_attorney_general_letter
{
    private static readonly Dictionary<string, long> Affected = new() { ["US-TX"] = 1_200, ["US-FL"] = 35, ["US-CA"] = 700, ["DE"] = 400 };
    private static readonly DateTimeOffset NoticeSent = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    private static string Residents(string state) =>
        StateAttorneyGeneralLetter.Generate(Given.Facts(Affected), state, null).Sections.Single(s => s.Heading == "Residents affected").Text;

    [Fact]
    public void each_state_gets_its_own_residents_count()
    {
        Residents("US-TX").Should().StartWith("Residents of Texas affected: 1,200");
        Residents("US-FL").Should().StartWith("Residents of Florida affected: 35");
        Residents("US-TX").Should().EndWith("People affected in all jurisdictions: 2,335");
    }

    [Fact]
    public void the_letter_covers_dates_what_happened_data_measures_contact_and_the_enclosed_notice()
    {
        var notice = Given.Example("US-TX");

        var letter = StateAttorneyGeneralLetter.Generate(Given.Facts(Affected), "US-TX", notice, NoticeSent);

        letter.Kind.Should().Be("us-state-ag-letter");
        letter.Title.Should().Be("Notice of a data breach affecting Texas residents: Lakeside Outdoor Supply, INC-2026-0042");
        letter.Sections.Select(s => s.Heading).Should().Equal(
            "To", "Notifying organisation", "Residents affected", "Dates", "What happened", "Information involved", "What we are doing", "Contact", "Enclosure");
        letter.Sections[3].Text.Should().Contain("Breach began: 2026-03-02 08:15 UTC").And.Contain("Residents notified: 2026-03-20 09:00 UTC");
        letter.Sections[^1].Text.Should().Be(
            "A copy of the notice sent to Texas residents: template 'example-generic-us.email.en' version 1 (email, language en).");
        letter.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void what_the_record_lacks_is_a_gap()
    {
        var facts = Given.Facts(new Dictionary<string, long> { ["US-CA"] = 700 }) with
        {
            Organisation = Given.Facts().Organisation with { PostalAddress = null },
        };

        var letter = StateAttorneyGeneralLetter.Generate(facts, "US-TX", consumerNotice: null);

        letter.Gaps.Should().Equal(
            "the organisation's postal address",
            "the number of Texas residents affected",
            "when Texas residents were notified",
            "the notice sent to Texas residents, to enclose");
        letter.Sections[2].Text.Should().StartWith("Residents of Texas affected: [not yet known]");
    }

    [Fact]
    public void only_a_us_state_is_accepted()
    {
        var notAState = () => StateAttorneyGeneralLetter.Generate(Given.Facts(), "DE", null);

        notAState.Should().Throw<ArgumentException>("a state attorney general letter is for a US state");
    }

    public static TheoryData<string, string, GenericContentJustification[], string?, string> Enclosures => new()
    {
        { "US-MD", "US-TX", [], "Content check: the template was approved against the Notice to residents of Texas (generic US minimum) requirements, "
            + "not the Notice to residents of Maryland (generic US minimum) requirements", "Marylanders got the Texan notice: the letter is still written, and says so" },
        { "US-MD", "*", [], "Content check: the template was approved against the Catch-all notice to individuals (generic minimum) requirements, not the Notice to "
            + "residents of Maryland (generic US minimum) requirements, and no justification that the generic content suffices for US-MD is recorded",
            "a catch-all notice without a justification is enclosed with that fact" },
        { "US-MD", "*", [new GenericContentJustification("US-MD", "counsel: Maryland asks for nothing beyond the generic items", "lead@shop", NoticeSent)],
            "Content check: catch-all content, justified for US-MD by lead@shop at 2026-03-20 09:00 UTC: counsel: Maryland asks for nothing beyond the generic items",
            "the justification shows in what the regulator receives" },
        { "US-MD", "US-MD", [], null, "a notice approved for Maryland needs no note" },
    };

    [Theory]
    [MemberData(nameof(Enclosures))]
    public void a_letter_can_be_written_whatever_template_the_residents_received(string state, string templateJurisdiction,
        GenericContentJustification[] justifications, string? note, string because)
    {
        var notice = Given.Example("US-TX") with { Jurisdiction = templateJurisdiction };

        var enclosure = StateAttorneyGeneralLetter.Generate(Given.Facts(Affected), state, notice, NoticeSent, justifications).Sections[^1].Text;

        enclosure.Should().StartWith($"A copy of the notice sent to Maryland residents: template 'example-generic-us.email.en' version 1", because);
        if (note is null) enclosure.Should().NotContain("Content check", because);
        else enclosure.Should().EndWith(note + ".", because);
    }
}
