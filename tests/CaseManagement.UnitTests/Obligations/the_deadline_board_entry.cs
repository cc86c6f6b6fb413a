using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using FluentAssertions;
using Marten.Events.Aggregation;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Obligations;

/// <summary>The board's row per incident: its next duty is what the board's index ranges over, so only open incidents carry one.</summary>
public sealed class the_deadline_board_entry
{
    private static readonly SingleStreamProjection<DeadlineBoardEntry, Guid> Projection = Folded.Assembled(new DeadlineBoardProjection());

    private static readonly object[] Breach =
    [
        Detection(), Awareness, new DataCategoriesRecorded(Id, ["payment-card", "contact"], "exfiltration log"),
        new AffectedCountsRecorded(Id, [new AffectedCount("DE", 1_200)], "scoping", "orders while the script was live"),
    ];

    private static DeadlineBoardEntry Given(params object[] events) => Folded.By(Projection, null, Detected.AddHours(2), "user:lead@shop.test", events);

    [Fact]
    public void an_open_incident_with_unmet_duties_has_the_earliest_as_its_next_due()
    {
        var entry = Given(Breach);

        entry.Open.Should().NotBeEmpty("a German residents' card data breach owes the regulator a notice");
        entry.NextDueAt.Should().Be(entry.Open.Min(o => o.DueAt));
    }

    [Fact]
    public void a_closed_incident_has_no_next_due_so_the_board_index_skips_it()
    {
        var entry = Given([.. Breach, Closure]);

        entry.NextDueAt.Should().BeNull("the board shows open incidents only, and its index on the next due instant should hold only theirs");
        entry.Open.Should().NotBeEmpty("the unmet duties stay recorded; closing does not meet them");
    }

    [Fact]
    public void facts_recorded_after_closing_do_not_bring_the_next_due_back()
    {
        var entry = Given([.. Breach, Closure, new AffectedCountsRecorded(Id, [new AffectedCount("FR", 90)], "scoping", "late finding")]);

        entry.NextDueAt.Should().BeNull("the incident is still closed");
    }

    [Fact]
    public void a_reopened_incident_has_its_earliest_unmet_duty_as_next_due_again()
    {
        var entry = Given([.. Breach, Closure, Reopening]);

        entry.NextDueAt.Should().Be(entry.Open.Min(o => o.DueAt), "reopening puts the incident back on the board");
    }

    [Fact]
    public void one_batch_of_events_gives_the_row_that_one_event_at_a_time_gives()
    {
        // The projection evaluates the duties once per batch, after its last change of facts; a rebuild hands over every event
        // at once, the live daemon a few at a time. Facts land hours apart, so an evaluation at the wrong instant would show.
        object[] story = [.. Breach, new AffectedCountsRecorded(Id, [new AffectedCount("FR", 90)], "scoping", "late finding"), Closure, Reopening];
        var recorded = story.Select((data, i) => (data, Detected.AddHours(6 * (i + 1)))).ToArray();

        var oneAtATime = recorded.Aggregate((DeadlineBoardEntry?)null, (entry, e) => Folded.InOneBatch(Projection, entry, "user:lead@shop.test", e))!;
        var allAtOnce = Folded.InOneBatch(Projection, null, "user:lead@shop.test", recorded);

        allAtOnce.Should().BeEquivalentTo(oneAtATime, "a rebuild must leave the row the live daemon left, duty for duty");
        allAtOnce.Open.Should().Contain(o => o.RuleId == "pci-mastercard-adc-report" && o.Standing == "overdue",
            "the duties were evaluated when the last fact (the French count) was recorded, 30 hours in, after the 24-hour card-brand report fell due");
    }
}
