using CaseManagement.Containment.Evidence;
using CaseManagement.Feed;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Scoping;
using FluentAssertions;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Feed;

public class the_feed_catalogue
{
    [Theory]
    [InlineData("incident", "incident_detected", "com.casemanagement.incident.detected.v1")]
    [InlineData("incident", "note_added", "com.casemanagement.incident.note-added.v1")]
    [InlineData("incident", "notification_campaign_started", "com.casemanagement.incident.notification-campaign-started.v1")]
    [InlineData("campaign", "campaign_batch_recorded", "com.casemanagement.campaign.batch-recorded.v1")]
    [InlineData("incident", "incident_detected_v2", "com.casemanagement.incident.detected.v2")]
    [InlineData("privacy", "personal_data_erased", "com.casemanagement.privacy.personal-data-erased.v1")]
    public void types_are_derived_from_the_event_store_names(string kind, string eventName, string type) =>
        FeedCatalogue.TypeName(kind, eventName).Should().Be(type);

    [Fact]
    public void every_event_type_has_one_feed_type_and_every_feed_type_one_record()
    {
        var records = FeedCatalogue.Streams.SelectMany(s => s.Events).ToList();

        records.Should().OnlyHaveUniqueItems("an event type is recorded on one kind of stream");
        FeedCatalogue.Types.Select(t => t.Type).Should().OnlyHaveUniqueItems();
        FeedCatalogue.Types.Should().HaveCount(records.Count);
        FeedCatalogue.Find("com.casemanagement.incident.detected.v1")!.Record.Should().Be(typeof(IncidentDetected));
        FeedCatalogue.Find("com.casemanagement.incident.detected.v1")!.EventName.Should().Be(typeof(IncidentDetected).GetEventTypeName());
    }

    public static TheoryData<string, Type> Aggregates => new()
    {
        { "incidents", typeof(Incident) },
        { "campaigns", typeof(Campaign) },
        { "scoping-runs", typeof(ScopingRun) },
        { "evidence", typeof(EvidenceItem) },
        { "evidence-holds", typeof(EvidenceHold) },
        { "escalations", typeof(EscalationLog) },
        { "reviews", typeof(CaseManagement.Readiness.Reviews.Review) },
        { "readiness-policy", typeof(CaseManagement.Readiness.Policy.ReadinessPolicy) },
        { "exercise-schedules", typeof(CaseManagement.Readiness.Schedule.ExerciseSchedule) },
        { "proposals", typeof(CaseManagement.Readiness.Library.ChangeProposal) },
    };

    [Theory]
    [MemberData(nameof(Aggregates))]
    public void every_event_an_aggregate_folds_is_catalogued_on_its_stream(string path, Type aggregate)
    {
        var stream = FeedCatalogue.Streams.Single(s => s.Path == path);

        stream.Events.Should().Contain(AggregateEvents.Of(aggregate),
            "an event missing from FeedCatalogue would reach integrators under the neutral 'event' kind, and the audit timeline tells the catalogued ones");
    }

    [Fact]
    public void an_event_missing_from_the_catalogue_still_gets_a_type()
    {
        var e = new Event<Uncatalogued>(new Uncatalogued()) { EventTypeName = "audit_checkpoint_signed" };

        FeedCatalogue.Of(e).Type.Should().Be("com.casemanagement.event.audit-checkpoint-signed.v1");
        FeedCatalogue.Of(e).Stream.Path.Should().Be("streams");
    }

    private sealed record Uncatalogued;
}
