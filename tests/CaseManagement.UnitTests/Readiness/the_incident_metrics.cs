using CaseManagement.Incidents;
using CaseManagement.Readiness.Metrics;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Readiness;

/// <summary>Metrics across incidents: figures over a fixed set of incidents, each worked out by hand in the comments.</summary>
public class the_incident_metrics
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    // A: began 216 h (9 days) before detection, acknowledged 0.5 h, contained 3 h, notified 24 h after awareness, closed 240 h after
    // detection; one duty on time, one late.
    private static readonly IncidentMeasures A = new()
    {
        Id = Guid.NewGuid(), Shop = "shop-1", Kind = IncidentKind.CheckoutSkimmer, Severity = Severity.Critical, BreachStartedAt = At(1, 1, 8), DetectedAt = At(1, 10, 8),
        AcknowledgedAt = At(1, 10, 8, 30), ContainedAt = At(1, 10, 11), AwareAt = At(1, 10, 9), NotifiedAt = At(1, 11, 9), ClosedAt = At(1, 20, 8),
        Duties = [new("r1", At(1, 12, 9), At(1, 11, 9)), new("r2", At(1, 12, 9), At(1, 13))],
    };

    // B: began 72 h before detection, acknowledged 2 h, contained 24 h, notified 48 h after detection (no awareness recorded), still
    // open; its duty passed unmet.
    private static readonly IncidentMeasures B = new()
    {
        Id = Guid.NewGuid(), Shop = "shop-2", Kind = IncidentKind.PluginCompromise, Severity = Severity.High, BreachStartedAt = At(1, 29), DetectedAt = At(2, 1),
        AcknowledgedAt = At(2, 1, 2), ContainedAt = At(2, 2), NotifiedAt = At(2, 3), Duties = [new("r1", At(2, 4), null)],
    };

    // C: no breach start recorded (time to detect needs that fact), acknowledged 1 h, nothing else yet; one duty due after now, one
    // without a deadline.
    private static readonly IncidentMeasures C = new()
    {
        Id = Guid.NewGuid(), Shop = "shop-1", Kind = IncidentKind.CheckoutSkimmer, Severity = Severity.Medium, DetectedAt = At(3, 5),
        AcknowledgedAt = At(3, 5, 1), Duties = [new("r1", At(5, 1), null), new("r3", null, null)],
    };

    // Counted apart, never in a duration: a false positive acknowledged in 15 minutes, a duplicate of A contained at once.
    private static readonly IncidentMeasures FalseAlarm = new()
    {
        Id = Guid.NewGuid(), Shop = "shop-2", Kind = IncidentKind.PluginCompromise, DetectedAt = At(2, 10), AcknowledgedAt = At(2, 10, 0, 15), FalsePositive = true,
    };

    private static readonly IncidentMeasures Duplicate = new()
    {
        Id = Guid.NewGuid(), Shop = "shop-1", Kind = IncidentKind.CheckoutSkimmer, DetectedAt = At(2, 11), AcknowledgedAt = At(2, 11, 5), ContainedAt = At(2, 11, 5),
        DuplicateOf = A.Id,
    };

    // Not counted at all: detected after the period, and an exercise that somehow reached this list.
    private static readonly IncidentMeasures Later = new() { Id = Guid.NewGuid(), Shop = "shop-1", DetectedAt = At(4, 2), AcknowledgedAt = At(4, 2, 9) };

    private static readonly IncidentMeasures Drill = new() { Id = Guid.NewGuid(), Shop = "sandbox", DetectedAt = At(2, 15), AcknowledgedAt = At(2, 15, 9), Exercise = true };

    private static readonly IncidentMeasures[] All = [A, B, C, FalseAlarm, Duplicate, Later, Drill];

    [Fact]
    public void the_figures_over_the_period_are_the_ones_worked_out_by_hand()
    {
        var all = MetricFigures.Compute(All, From, To, MetricGrouping.None, Now).Should().ContainSingle().Subject;

        all.Incidents.Should().Be(3, "A, B and C; the false positive and the duplicate are apart, the later one and the exercise out");
        all.FalsePositives.Should().Be(1);
        all.Duplicates.Should().Be(1);
        Figure(all, "detect").Should().Be(new MeasureFigure("detect", Label("detect"), 2, 144, 144, NeedsFacts: 1),
            "216 and 72 hours from the recorded breach starts of A and B; C has none, so it needs facts and counts in no duration, never as zero");
        Figure(all, "acknowledge").Should().Be(new MeasureFigure("acknowledge", Label("acknowledge"), 3, 1, 1.17),
            "0.5, 1 and 2 hours: median 1, mean 3.5 / 3");
        Figure(all, "contain").NeedsFacts.Should().BeNull("every incident has the detection that time to contain starts from");
        Figure(all, "contain").Should().BeEquivalentTo(new { Incidents = 2, MedianHours = 13.5, MeanHours = 13.5 }, "3 and 24 hours");
        Figure(all, "notify").Should().BeEquivalentTo(new { Incidents = 2, MedianHours = 36.0, MeanHours = 36.0 }, "24 hours from A's awareness, 48 from B's detection");
        Figure(all, "close").Should().BeEquivalentTo(new { Incidents = 1, MedianHours = 240.0, MeanHours = 240.0 }, "only A is closed");
        all.Deadlines.Should().Be(new DeadlineCompliance(MetOnTime: 1, MetLate: 1, Missed: 1, Pending: 1, WithoutDeadline: 1, Ratio: 0.3333),
            "one of the three duties whose deadline passed or that were met was met on time; C's are pending or have no deadline");
    }

    [Fact]
    public void grouped_by_kind_each_group_has_its_own_figures_after_the_total()
    {
        var groups = MetricFigures.Compute(All, From, To, MetricGrouping.Kind, Now);

        groups.Select(g => g.Key).Should().Equal("all", "checkout-skimmer", "plugin-compromise");
        var skimmers = groups[1];
        skimmers.Incidents.Should().Be(2, "A and C");
        skimmers.Duplicates.Should().Be(1);
        Figure(skimmers, "acknowledge").MedianHours.Should().Be(0.75, "0.5 and 1 hour");
        groups[2].FalsePositives.Should().Be(1);
        Figure(groups[2], "contain").MedianHours.Should().Be(24, "B alone");
    }

    [Theory]
    [InlineData(MetricGrouping.Severity, new[] { "all", "critical", "high", "medium", "unclassified" })]
    [InlineData(MetricGrouping.Shop, new[] { "all", "shop-1", "shop-2" })]
    [InlineData(MetricGrouping.Month, new[] { "all", "2026-01", "2026-02", "2026-03" })]
    public void every_grouping_names_its_groups_in_order(MetricGrouping grouping, string[] keys) =>
        MetricFigures.Compute(All, From, To, grouping, Now).Select(g => g.Key).Should().Equal(keys);

    [Fact]
    public void a_period_without_incidents_has_no_figures_rather_than_zeros()
    {
        var empty = MetricFigures.Compute(All, At(6, 1), At(7, 1), MetricGrouping.None, Now).Single();

        empty.Incidents.Should().Be(0);
        empty.Measures.Should().OnlyContain(m => m.MedianHours == null && m.MeanHours == null, "no incident, no duration: not zero hours");
        empty.Deadlines.Ratio.Should().BeNull("no duty was due, so compliance is unknown, not 0% or 100%");
    }

    [Fact]
    public void the_projection_derives_every_measure_from_the_incidents_history_alone()
    {
        // What a rebuild does for a metric added later: fold the stored history again, with nothing but the events. The
        // projection's document is one object evolved in place, so each stage is read before the next fold.
        var projection = Folded.Assembled(new IncidentMeasuresProjection());
        var measures = Folded.By<IncidentMeasures>(projection, null, Detected, "system:alert-intake", Detection(awareAt: Detected.AddHours(1)));
        measures.AcknowledgedAt.Should().BeNull("the alert intake is not a person");
        measures.BreachStartedAt.Should().BeNull("nobody has said when the breach began");

        Folded.By(projection, measures, Detected.AddHours(2), "user:sam", new SeverityClassified(Id, Severity.High, "cards"), ContainmentRecorded,
            ScopeRecorded, Notification, new CaseManagement.Incidents.Awareness.BreachStartRecorded(Id, Detected.AddDays(-12), "skimmer file dated by the host"),
            new CaseManagement.Incidents.Awareness.BreachStartRecorded(Id, Detected.AddDays(-10), "the theme setting's history", Detected.AddDays(-12)));
        measures.AcknowledgedAt.Should().Be(Detected.AddHours(2), "Sam's first act was recorded two hours after detection");

        var closed = Folded.By(projection, measures, Detected.AddDays(9), "user:lena", Closure);
        closed.Should().BeEquivalentTo(new
        {
            Severity = (Severity?)Severity.High, ContainedAt = (DateTimeOffset?)ContainmentRecorded.ContainedAt, NotifiedAt = (DateTimeOffset?)Notification.NotifiedAt,
            AwareAt = (DateTimeOffset?)Detected.AddHours(1), ClosedAt = (DateTimeOffset?)Detected.AddDays(9),
        }, o => o.ExcludingMissingMembers());
        MetricFigures.Hours(closed, "detect").Should().Be(240, "from the breach start as last stated, ten days before the detection");
        MetricFigures.Hours(closed, "notify").Should().Be(47, "from awareness (an hour after detection) to the notification two days after detection");
        closed.Duties.Should().NotBeEmpty("a payment-card breach in the catalogue's jurisdictions owes duties");
        Folded.By(projection, closed, Detected.AddDays(10), "user:lena", Reopening).ClosedAt.Should().BeNull("a reopened incident is not closed");
    }

    [Fact]
    public void one_batch_of_events_gives_the_measures_that_one_event_at_a_time_gives()
    {
        // The duties are evaluated once per batch, after its last change of facts (a rebuild hands over every event at once).
        object[] story = [Detection(awareAt: Detected.AddHours(1)), new SeverityClassified(Id, Severity.High, "cards"), ContainmentRecorded, ScopeRecorded,
            Notification, Closure, Reopening];
        var recorded = story.Select((data, i) => (data, Detected.AddHours(5 * i))).ToArray();
        var projection = Folded.Assembled(new IncidentMeasuresProjection());

        var oneAtATime = recorded.Aggregate((IncidentMeasures?)null, (m, e) => Folded.InOneBatch(projection, m, "user:sam", e))!;
        var allAtOnce = Folded.InOneBatch(projection, null, "user:sam", recorded);

        allAtOnce.Should().BeEquivalentTo(oneAtATime, "a rebuild must leave the measures the live daemon left, duty for duty");
        allAtOnce.Duties.Should().NotBeEmpty("a payment-card breach in the catalogue's jurisdictions owes duties");
    }

    [Fact]
    public void an_incident_without_a_breach_start_needs_facts_for_time_to_detect_and_is_never_zero()
    {
        MetricFigures.Hours(C, "detect").Should().BeNull("nobody recorded when C's breach began: the time is unknown, not zero hours");
        var only = MetricFigures.Compute([C], From, To, MetricGrouping.None, Now).Single();

        Figure(only, "detect").Should().BeEquivalentTo(new { Incidents = 0, MedianHours = (double?)null, MeanHours = (double?)null, NeedsFacts = 1 },
            "the one incident is counted as needing the fact, and no figure is made up");
    }

    private static MeasureFigure Figure(MetricGroup group, string name) => group.Measures.Single(m => m.Name == name);

    private static string Label(string name) => MetricFigures.Measures.Single(m => m.Name == name).Label;
}
