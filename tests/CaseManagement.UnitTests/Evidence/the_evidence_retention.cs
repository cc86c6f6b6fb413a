using CaseManagement.Containment.Evidence;
using CaseManagement.Incidents;
using FluentAssertions;

namespace CaseManagement.UnitTests.Evidence;

/// <summary>ADR 22: evidence is kept while its incident is open, and afterwards for as long as a legal hold is on it.</summary>
public sealed class the_evidence_retention
{
    private static readonly Guid Incident = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private const string Claim = "claim by the card processor";

    private static EvidenceHold Placed() =>
        Folded.With<EvidenceHold>(null, At, "user:lena@shop.test", new EvidenceHoldPlaced(Incident, Claim));

    private static EvidenceHold Lifted() => Folded.With(Placed(), At.AddDays(30), "user:kim@shop.test", new EvidenceHoldLifted(Incident, "settled"));

    public static TheoryData<IncidentStatus, string, string?, string> Cases => new()
    {
        { IncidentStatus.Detected, "none", "open", "an open incident keeps its evidence" },
        { IncidentStatus.Notified, "none", "open", "notified is not yet closed" },
        { IncidentStatus.Closed, "none", null, "a closed incident without a hold lets its evidence go" },
        { IncidentStatus.FalsePositive, "none", null, "a false positive is finished too" },
        { IncidentStatus.Closed, "placed", Claim, "a hold keeps evidence of a closed incident, and the refusal names it" },
        { IncidentStatus.Detected, "placed", "legal hold", "the hold is named first: lifting it is what the person must know of" },
        { IncidentStatus.Closed, "lifted", null, "a lifted hold keeps nothing" },
        { IncidentStatus.Scoped, "lifted", "open", "a lifted hold leaves the open incident's rule" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void an_item_may_be_destroyed_only_when_nothing_keeps_it(IncidentStatus status, string hold, string? refusalSays, string because)
    {
        var refusal = EvidenceRetention.RefusalToDestroy(status, hold switch { "placed" => Placed(), "lifted" => Lifted(), _ => null });

        if (refusalSays is null)
        {
            refusal.Should().BeNull(because);
        }
        else
        {
            refusal.Should().Contain(refusalSays, because);
        }
    }

    [Fact]
    public void the_hold_remembers_who_placed_it_when_and_why_and_who_lifted_it()
    {
        var placed = Placed();
        placed.Should().BeEquivalentTo(new { Active = true, PlacedBy = "user:lena@shop.test", PlacedAt = At, Reason = Claim, IncidentId = Incident });
        placed.Describe().Should().Contain("user:lena@shop.test").And.Contain(Claim).And.Contain(Incident.ToString());

        Lifted().Should().BeEquivalentTo(new { Active = false, PlacedBy = "user:lena@shop.test", LiftedBy = "user:kim@shop.test", LiftReason = "settled" });
        Folded.With(Lifted(), At.AddDays(40), "user:lena@shop.test", new EvidenceHoldPlaced(Incident, "new claim"))
            .Should().BeEquivalentTo(new { Active = true, Reason = "new claim", LiftedBy = (string?)null }, "a hold placed again is a fresh hold");
    }
}
