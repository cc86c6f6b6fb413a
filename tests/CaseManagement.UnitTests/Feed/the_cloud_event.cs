using System.Text.Json;
using CaseManagement.Feed;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using FluentAssertions;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Feed;

public class the_cloud_event
{
    private static readonly Guid IncidentId = Guid.Parse("0199a5a0-0000-7000-8000-000000000001");

    private static Event<T> Recorded<T>(T data, long sequence, long version, Guid stream) where T : notnull => new(data)
    {
        Id = Guid.Parse("0199a5a0-0000-7000-8000-0000000000ff"),
        Sequence = sequence,
        Version = version,
        StreamId = stream,
        Timestamp = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)),
        TenantId = "acme",
        UserName = "user:sam@shop.test",
        CorrelationId = "req-42",
    };

    [Fact]
    public void an_incident_event_becomes_a_structured_CloudEvent_with_the_feed_extensions()
    {
        var detected = new IncidentDetected(IncidentId, "Skimmer", "acme-shop", IncidentKind.CheckoutSkimmer, DateTimeOffset.Parse("2026-11-20T08:00:00Z"),
            null, "WAF", null, ["payment-card"]);

        var json = JsonSerializer.SerializeToElement(CloudEvent.Of(Recorded(detected, 42, 1, IncidentId), "acme"), FeedJson.Options);

        json.GetProperty("specversion").GetString().Should().Be("1.0");
        json.GetProperty("id").GetString().Should().Be("0199a5a0-0000-7000-8000-0000000000ff");
        json.GetProperty("source").GetString().Should().Be($"/casemanagement/acme/incidents/{IncidentId}");
        json.GetProperty("type").GetString().Should().Be("com.casemanagement.incident.detected.v1");
        json.GetProperty("subject").GetString().Should().Be(IncidentId.ToString());
        json.GetProperty("time").GetString().Should().Be("2026-11-20T08:30:00Z", "times are written in UTC like everywhere in the API");
        json.GetProperty("datacontenttype").GetString().Should().Be("application/json");
        json.GetProperty("sequence").GetString().Should().Be("0000000000000000042");
        json.GetProperty("streamversion").GetInt64().Should().Be(1);
        json.GetProperty("actor").GetString().Should().Be("user:sam@shop.test");
        json.GetProperty("correlationid").GetString().Should().Be("req-42");
        json.GetProperty("data").GetProperty("kind").GetString().Should().Be("checkout-skimmer", "data is written in the API's conventions");
        json.GetProperty("data").GetProperty("incidentId").GetGuid().Should().Be(IncidentId);
    }

    [Fact]
    public void missing_metadata_is_left_out_rather_than_sent_as_null()
    {
        var e = Recorded(new NoteAdded(IncidentId, "checked"), 7, 3, IncidentId);
        e.UserName = null;
        e.CorrelationId = null;

        var json = JsonSerializer.SerializeToElement(CloudEvent.Of(e, "acme"), FeedJson.Options);

        json.TryGetProperty("actor", out _).Should().BeFalse();
        json.TryGetProperty("correlationid", out _).Should().BeFalse();
        json.GetProperty("type").GetString().Should().Be("com.casemanagement.incident.note-added.v1");
    }

    [Fact]
    public void a_campaign_event_names_its_own_stream()
    {
        var campaign = Guid.NewGuid();

        var cloudEvent = CloudEvent.Of(Recorded(new CampaignPaused(campaign, "wrong number"), 9, 4, campaign), "acme");

        cloudEvent.Type.Should().Be("com.casemanagement.campaign.paused.v1");
        cloudEvent.Source.Should().Be($"/casemanagement/acme/campaigns/{campaign}");
    }

    [Fact]
    public void sequences_compare_as_text_in_the_order_they_compare_as_numbers()
    {
        long[] positions = [9, 10, 99, 100, 123_456_789, long.MaxValue];

        positions.Select(CloudEvent.SequenceText).Should().BeInAscendingOrder(StringComparer.Ordinal);
        positions.Select(CloudEvent.SequenceText).Select(long.Parse).Should().Equal(positions);
    }
}
