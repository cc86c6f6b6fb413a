using System.Security.Cryptography;
using System.Text;
using CaseManagement.Alerts.Formats;
using CaseManagement.Alerts.Triage;
using CaseManagement.Alerts.Sources;
using CaseManagement.Security.Pii;
using JasperFx.Core;
using JasperFx.Events;
using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Alerts.Intake;

/// <summary>One delivered alert, read and authenticated, for the organisation the message is sent to (its tenant).</summary>
/// <param name="DeliveryId">A signed delivery's webhook-id, to refuse a replay; null for deliveries with a credential and for monitoring.</param>
/// <param name="Actor">Who the events are recorded as: "alert-source:wazuh-prod", or the sender's credential ("api-key:… (SIEM)").</param>
public sealed record IngestAlert(
    Guid SourceId,
    string Source,
    string Format,
    AlertFacts Facts,
    byte[] Payload,
    string ContentType,
    bool PersonalData,
    int DeduplicationWindowMinutes,
    string? DeliveryId,
    string Actor);

public enum IngestOutcome
{
    New,
    Sighting,
    Replayed,
}

/// <param name="MatchedBy">For a sighting: "reference" or "fingerprint".</param>
/// <param name="EarlierAt">For a replay: when the delivery was first taken.</param>
public sealed record IngestedAlert(IngestOutcome Outcome, Guid AlertId, int Sightings, string? MatchedBy, DateTimeOffset? EarlierAt);

/// <summary>Place a recorded alert: attach it to an incident, add it to a triage item, or open one.</summary>
public sealed record CorrelateAlert(Guid AlertId);

/// <summary>
/// Records an alert or another sighting of one. The same sender's reference, or the same fingerprint within the source's window, is
/// the same alert: one stream, one more sighting. A new alert goes on to correlation, on its own queue. Two deliveries racing for the
/// same reference or fingerprint collide on a unique key or a document version; the loser is retried and finds the winner's alert.
/// </summary>
public static class IngestAlertHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException(Infrastructure.WriteCollisions.Matches).RetryWithCooldown(10.Milliseconds(), 50.Milliseconds(), 100.Milliseconds(), 250.Milliseconds(), 500.Milliseconds());

    public static async Task<(IngestedAlert, OutgoingMessages)> Handle(IngestAlert message, IDocumentSession session, PiiVault vault, DateTimeOffset now,
        CancellationToken ct)
    {
        session.LastModifiedBy = message.Actor;
        var outgoing = new OutgoingMessages();
        if (message.DeliveryId is { } deliveryId && await session.LoadAsync<AlertDelivery>(AlertDelivery.KeyOf(message.SourceId, deliveryId), ct) is { } earlier)
        {
            return (new IngestedAlert(IngestOutcome.Replayed, earlier.AlertId, 0, null, earlier.ReceivedAt), outgoing);
        }

        var facts = message.Facts;
        var referenceKey = AlertReference.KeyOf(message.SourceId, facts.Reference);
        var fingerprintKey = AlertFingerprint.Of(facts.Shop, facts.Kind, facts.Indicator);
        var known = await session.LoadAsync<AlertReference>(referenceKey, ct);
        var fingerprint = await session.LoadAsync<AlertFingerprint>(fingerprintKey, ct);
        var window = TimeSpan.FromMinutes(message.DeduplicationWindowMinutes);
        var (alertId, matchedBy) = known is not null ? (known.AlertId, "reference")
            : fingerprint is not null && fingerprint.LastSeenAt + window >= now ? (fingerprint.AlertId, "fingerprint")
            : (Guid.CreateVersion7(now), (string?)null);
        var payload = await KeepAsync(session, vault, message, alertId, now, ct);
        var occurredAt = facts.OccurredAt ?? now;
        int sightings;
        if (matchedBy is null)
        {
            session.Events.StartStream<Alert>(alertId, new AlertReceived(alertId, message.SourceId, message.Source, message.Format, facts.Reference,
                fingerprintKey, facts.Shop, facts.Kind, facts.Severity, facts.Title, facts.Summary, facts.Indicator, facts.Signal, occurredAt,
                facts.OccurredAt is not null, payload.Id, payload.Sha256, payload.Bytes, payload.Protected is not null));
            session.Insert(new AlertReference { Id = referenceKey, AlertId = alertId });
            outgoing.Add(new CorrelateAlert(alertId));
            sightings = 1;
        }
        else
        {
            var stream = await session.Events.FetchForWriting<Alert>(alertId, ct);
            stream.AppendOne(new AlertSighted(alertId, message.SourceId, message.Source, facts.Reference, matchedBy, occurredAt, payload.Id, payload.Sha256,
                payload.Bytes));
            if (known is null)
            {
                // This sender's reference now names the alert too, so its repeats are found by reference.
                session.Insert(new AlertReference { Id = referenceKey, AlertId = alertId });
            }

            sightings = (stream.Aggregate?.Sightings.Count ?? 0) + 1;
        }

        if (fingerprint is null)
        {
            session.Insert(new AlertFingerprint { Id = fingerprintKey, AlertId = alertId, LastSeenAt = now });
        }
        else
        {
            fingerprint.AlertId = alertId;
            fingerprint.LastSeenAt = now;
            session.Store(fingerprint);
        }

        if (message.DeliveryId is { } taken)
        {
            session.Insert(new AlertDelivery
            {
                Id = AlertDelivery.KeyOf(message.SourceId, taken), SourceId = message.SourceId, WebhookId = taken, AlertId = alertId, ReceivedAt = now,
            });
        }

        return (new IngestedAlert(matchedBy is null ? IngestOutcome.New : IngestOutcome.Sighting, alertId, sightings, matchedBy, null), outgoing);
    }

    private static async Task<AlertPayload> KeepAsync(IDocumentSession session, PiiVault vault, IngestAlert message, Guid alertId, DateTimeOffset now,
        CancellationToken ct)
    {
        var text = Encoding.UTF8.GetString(message.Payload);
        var payload = new AlertPayload
        {
            Id = Guid.CreateVersion7(now),
            SourceId = message.SourceId,
            AlertId = alertId,
            ReceivedAt = now,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(message.Payload)),
            Bytes = message.Payload.Length,
            ContentType = message.ContentType,
            Text = message.PersonalData ? null : text,
            Protected = message.PersonalData ? await vault.ProtectAsync(session, AlertSource.PayloadSubject(message.SourceId), text, ct) : null,
        };
        session.Insert(payload);
        return payload;
    }
}
