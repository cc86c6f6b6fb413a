using CaseManagement.Incidents;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Incidents;

/// <summary>Given events, then state: how the aggregate folds its history.</summary>
public class the_incident
{
    [Fact]
    public void detection_opens_the_incident_at_version_one()
    {
        var incident = Given(Detection());

        incident.Should().BeEquivalentTo(new
        {
            Id,
            Version = 1L,
            Status = IncidentStatus.Detected,
            Kind = IncidentKind.CheckoutSkimmer,
            DetectedAt = Detected,
            AwareAt = (DateTimeOffset?)null,
        }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public void a_corrected_awareness_time_replaces_the_recorded_one()
    {
        var corrected = Detected.AddMinutes(-30);

        var incident = Given(Detection(), Awareness, new AwarenessCorrected(Id, Awareness.AwareAt, corrected, "log shows earlier access"));

        incident.AwareAt.Should().Be(corrected, "regulator clocks must run from the corrected instant");
        incident.Version.Should().Be(3);
    }

    [Fact]
    public void new_scope_facts_supersede_a_decision_that_no_notification_is_owed()
    {
        var incident = Given(Detection(), ScopeRecorded, NoNotification, ScopeRecorded with { EstimatedAffectedPeople = 5000 });

        incident.Status.Should().Be(IncidentStatus.Scoped, "the decision was taken on facts that have changed");
        incident.NoNotificationReason.Should().BeNull();
        incident.EstimatedAffectedPeople.Should().Be(5000);
    }

    [Fact]
    public void the_first_notification_instant_is_kept_and_recipients_accumulate()
    {
        var later = new IncidentNotified(Id, Detected.AddDays(4), ["individuals", "attorney-general"], "letters sent");

        var incident = Given(Detection(), ScopeRecorded, Notification, later);

        incident.NotifiedAt.Should().Be(Notification.NotifiedAt);
        incident.NotifiedRecipients.Should().BeEquivalentTo(["regulator", "individuals", "attorney-general"]);
    }

    [Fact]
    public void reopening_a_false_positive_makes_it_real_work_again()
    {
        var incident = Given(Detection(), FalsePositive, Closure, Reopening);

        incident.Status.Should().Be(IncidentStatus.Detected);
        incident.FalsePositiveReason.Should().BeNull();
        incident.ClosedAt.Should().BeNull();
        incident.ReopenCount.Should().Be(1);
    }

    [Fact]
    public void a_responder_assigned_twice_is_listed_once()
    {
        var incident = Given(Detection(), new ResponderAssigned(Id, "kim", "lead"), new ResponderAssigned(Id, "kim", "lead"));

        incident.Responders.Should().Equal("kim");
    }

    [Fact]
    public void containment_and_scoping_may_happen_in_either_order()
    {
        Given(Detection(), ScopeRecorded, ContainmentRecorded).Should().BeEquivalentTo(
            new { Status = IncidentStatus.Scoped, ContainedAt = (DateTimeOffset?)ContainmentRecorded.ContainedAt }, o => o.ExcludingMissingMembers());
    }
}
