using CaseManagement.Incidents;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Obligations;

/// <summary>The kept deadline history (ADR 40): when it may stand for a fold of the stored events.</summary>
public sealed class the_deadline_history
{
    private static readonly Guid Id = Guid.Parse("019a0000-0000-7000-8000-000000000040");
    private static readonly DateTimeOffset Detected = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_history_folded_from_the_detection_carries_the_running_rules()
    {
        var history = DeadlineHistory.Fold([Stored(1, Detected, Detection())], EvaluationOptions.Default, CatalogueStore.Embedded);

        history.FirstVersion.Should().Be(1);
        history.RulesBuild.Should().Be(DeadlineHistory.CurrentRules, "readers take a kept history only when it was evaluated under the rules running now");
    }

    [Fact]
    public void a_history_appended_under_other_rules_is_marked_so_that_no_reader_takes_it()
    {
        var history = new DeadlineHistory { Id = Id, FirstVersion = 1, Version = 1, RulesBuild = Guid.NewGuid() };

        history.Take(Stored(2, Detected.AddHours(1), new AwarenessRecorded(Id, Detected, "confirmed")), EvaluationOptions.Default, CatalogueStore.Embedded);

        history.RulesBuild.Should().Be(Guid.Empty, "its entries now come from two rule builds, which no fold under one of them gives");
    }

    [Fact]
    public void recording_times_are_kept_in_whole_microseconds_as_postgresql_stores_them()
    {
        var recorded = Detected.AddTicks(1_234_567);

        var history = DeadlineHistory.Fold([Stored(1, recorded, Detection())], EvaluationOptions.Default, CatalogueStore.Embedded);

        history.Changes.Values.SelectMany(c => c).Should().NotBeEmpty()
            .And.OnlyContain(c => c.RecordedAt == Detected.AddTicks(1_234_560),
                "the inline projection sees the clock's 100 ns ticks, a fold of the stored events sees Npgsql's truncated microseconds");
    }

    private static IncidentDetected Detection() => new(Id, "Card skimmer in checkout", "shop-1", IncidentKind.CheckoutSkimmer, Detected, null, "monitoring",
        "A script sent card fields to an unknown host.", ["payment-card"]);

    private static IEvent Stored<T>(long version, DateTimeOffset recordedAt, T data) where T : notnull =>
        new Event<T>(data) { Version = version, Timestamp = recordedAt, UserName = "user:lead@shop.test" };
}
