using CaseManagement.Paging.Pages;
using FluentAssertions;

namespace CaseManagement.UnitTests.Paging;

/// <summary>When a person's time to acknowledge is up, the page goes to the next person, gives up after the last, or does nothing.</summary>
public sealed class the_page_rules
{
    private static readonly Page Open = new()
    {
        Id = Guid.CreateVersion7(),
        Recipients = [new PagedPerson("Ada", "ada@shop.test", null), new PagedPerson("Ben", "ben@shop.test", null)],
        AcknowledgeWithinMinutes = 15,
        Status = PageStatus.Open,
    };

    public static TheoryData<string, Page, int, string> Cases => new()
    {
        { "the first person did not answer, because the page is still open at their step", Open, 0, "escalate" },
        { "the last person did not answer, because there is nobody after Ben", Open with { Step = 1 }, 1, "give up" },
        { "an acknowledged page stays with whoever took it, because someone answered", Open with { Status = PageStatus.Acknowledged }, 0, "nothing" },
        { "a late timer of an earlier step does nothing, because the page already moved on", Open with { Step = 1 }, 0, "nothing" },
        { "an unanswered page is not paged again, because it already gave up", Open with { Status = PageStatus.Unanswered, Step = 1 }, 1, "nothing" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void when_the_wait_ends(string because, Page page, int step, string expected)
    {
        var outcome = PageRules.WhenWaitEnds(page, step);

        (outcome switch { AfterWait.Escalate => "escalate", AfterWait.GiveUp => "give up", _ => "nothing" }).Should().Be(expected, because);
    }

    [Fact]
    public void an_escalation_names_who_had_it_who_gets_it_and_how_long_they_waited() =>
        PageRules.WhenWaitEnds(Open, 0).Should().BeOfType<AfterWait.Escalate>().Which.Event.Should().Be(
            new PageEscalated(Open.Id, 0, 1, "Ada", "Ben", 15), "the record says the page moved from Ada to Ben after 15 minutes");
}
