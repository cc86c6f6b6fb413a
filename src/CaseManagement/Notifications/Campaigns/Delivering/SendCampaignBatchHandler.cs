using System.Security.Cryptography;
using System.Text;
using CaseManagement.Scoping;
using CaseManagement.Infrastructure;
using CaseManagement.Notifications.Channels;
using CaseManagement.Notifications.Proofs;
using CaseManagement.Operations.Telemetry;
using CaseManagement.Notifications.Templates;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// Notifies the people of one batch and records each delivery. Idempotent under redelivery: a person with a delivery
/// record in this campaign is never sent to again, and the batch is counted once. Each outcome is recorded in a small
/// transaction of its own before the next send starts, so a crash can repeat only the notices in flight at that moment
/// (one per batch being sent, with the same Message-Id) and never loses one that was recorded (docs/delivery-proofs.md).
/// </summary>
public static class SendCampaignBatchHandler
{
    public const string Actor = "system:notification-campaign";
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    public static void Configure(HandlerChain chain) => chain.ExecutionTimeoutInSeconds = (int)TimeSpan.FromHours(1).TotalSeconds;

    public static async Task<object?> Handle(SendCampaignBatch message, IDocumentStore store, IMessageContext context, PiiVault vault,
        NotificationChannels channels, Readiness.Exercises.Sandbox.SandboxChannels sandbox, CampaignRateLimiters limiters, IOptions<NotificationOptions> options,
        TimeProvider clock, ILogger<SendCampaignBatch> logger, CancellationToken ct)
    {
        var tenant = context.TenantId ?? throw new InvalidOperationException("A campaign message must carry its organisation.");
        await using var session = store.QuerySession(tenant);
        if (await session.LoadAsync<Campaign>(message.CampaignId, ct) is not { } campaign || campaign.RecordedBatches.Contains(message.Batch))
        {
            return null;
        }

        switch (campaign.Status)
        {
            case CampaignStatus.Cancelled:
                return null;
            case CampaignStatus.Paused:
                // Comes back later and looks again; a resumed campaign picks up exactly where each batch stood.
                return message.DelayedFor(options.Value.PausedRecheck);
        }

        var people = (await session.QueryAsync<AffectedPersonRecord>(
                $"where tenant_id = ? and id > ? and id <= ? order by id", ct, tenant, message.After, message.Last))
            .Where(p => CampaignDecisions.InAudience(campaign.Jurisdictions, p.Jurisdiction))
            .ToList();
        var recordIds = people.Select(p => DeliveryRecord.IdFor(campaign.Id, p.Id)).ToArray();
        var done = (await session.LoadManyAsync<DeliveryRecord>(ct, recordIds)).ToDictionary(r => r.PersonId, StringComparer.Ordinal);
        var todo = people.Select((person, position) => (person, position)).Where(p => !done.ContainsKey(p.person.Id)).ToList();
        var notifiedBefore = campaign.Renotify ? [] : await NotifiedBeforeAsync(session, campaign, todo.Select(p => p.person.SubjectId), ct);
        var addresses = await vault.RevealManyAsync(session,
            [.. todo.Select(p => campaign.Channel == NotificationChannelNames.Sms ? p.person.Phone : p.person.Email)], ct);
        var names = await vault.RevealManyAsync(session, [.. todo.Select(p => p.person.Name)], ct);
        // Parsed once per batch; a version is immutable, so what is sent is what was approved.
        var templates = (await session.LoadManyAsync<NotificationTemplateVersion>(ct, campaign.Templates.Select(t => NotificationTemplateVersion.IdFor(t.TemplateId, t.Version))))
            .ToDictionary(t => t.Id, t => (Version: t, Prepared: TemplateRenderer.Prepare(t.ToTemplate())), StringComparer.Ordinal);
        // An exercise's notices go through its sandbox channel only, never a real one (ADR 24).
        var channel = Readiness.Exercises.ExerciseTenants.IsExercise(tenant) ? await sandbox.ForAsync(tenant, campaign.Channel, ct) : channels.For(campaign.Channel);

        var batchRecords = new List<DeliveryRecord>(done.Values);
        var lastStatus = clock.GetUtcNow();
        for (var i = 0; i < todo.Count; i++)
        {
            var (person, position) = todo[i];
            var record = new DeliveryRecord
            {
                Id = DeliveryRecord.IdFor(campaign.Id, person.Id), CampaignId = campaign.Id, IncidentId = campaign.IncidentId, Batch = message.Batch,
                Position = position, PersonId = person.Id, SubjectId = person.SubjectId, Jurisdiction = person.Jurisdiction, Channel = campaign.Channel,
                FirstAttemptAt = clock.GetUtcNow(),
            };
            if (notifiedBefore.TryGetValue(person.SubjectId, out var earlier))
            {
                record.Status = DeliveryRecord.Suppressed;
                record.Reason = $"already notified for this incident by campaign {earlier.CampaignId} at {earlier.FinishedAt:O}";
            }
            else if (await DeliverAsync(record, campaign, person, addresses[i], names[i], templates, channel, limiters, options.Value, ct) is { } unreachable)
            {
                // The provider is away: nobody after this person could be reached either, and none of them is at fault.
                logger.LogWarning("Campaign {CampaignId}, batch {Batch}: {Channel} cannot be reached ({Response}); the batch waits {Wait} and carries on",
                    campaign.Id, message.Batch, campaign.Channel, unreachable.ProviderResponse, options.Value.ChannelDownRecheck);
                return message.DelayedFor(options.Value.ChannelDownRecheck);
            }

            record.FinishedAt = clock.GetUtcNow();
            await RecordAsync(store, tenant, record.Sealed(), ct);
            batchRecords.Add(record);
            // Every second: a pause or cancel takes effect mid-batch.
            if (clock.GetUtcNow() - lastStatus >= StatusInterval)
            {
                lastStatus = clock.GetUtcNow();
                switch (await StatusAsync(store, tenant, campaign.Id, ct))
                {
                    case CampaignStatus.Paused:
                        return message.DelayedFor(options.Value.PausedRecheck);
                    case CampaignStatus.Cancelled:
                        return null;
                }
            }
        }

        logger.LogInformation("Campaign {CampaignId}, batch {Batch}: {Records} deliveries recorded", campaign.Id, message.Batch, batchRecords.Count);
        return new RecordCampaignBatch(campaign.Id, CountBatch(campaign.Id, message.Batch, batchRecords, clock.GetUtcNow()));
    }

    /// <summary>Sends and fills in the record; the last result instead when the provider could not be reached, leaving the record unwritten.</summary>
    private static async Task<DeliveryResult?> DeliverAsync(DeliveryRecord record, Campaign campaign, AffectedPersonRecord person, string? address, string? name,
        IReadOnlyDictionary<string, (NotificationTemplateVersion Version, PreparedTemplate Prepared)> templates, INotificationChannel channel,
        CampaignRateLimiters limiters, NotificationOptions options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            (record.Status, record.Reason) = (DeliveryRecord.Failed, $"no {(campaign.Channel == NotificationChannelNames.Sms ? "phone number" : "email address")} on record (or it was erased)");
            return null;
        }

        var to = address.Trim();
        record.ToSha256 = DeliveryRecord.AddressSha256(to);
        if (CampaignDecisions.TemplateFor(campaign.Templates, person.Jurisdiction) is not { } choice
            || !templates.TryGetValue(NotificationTemplateVersion.IdFor(choice.TemplateId, choice.Version), out var template))
        {
            (record.Status, record.Reason) = (DeliveryRecord.Failed, $"no template for jurisdiction {person.Jurisdiction ?? "(unknown)"}");
            return null;
        }

        record.Template = template.Version.Id;
        RenderedMessage rendered;
        try
        {
            rendered = template.Prepared.Render(CampaignNotices.Model(campaign, person, name, to));
        }
        catch (TemplateRenderException ex)
        {
            (record.Status, record.Reason) = (DeliveryRecord.Failed, $"the template did not render: {ex.Message}");
            return null;
        }

        record.RenderedSha256 = rendered.Sha256;
        var notice = new OutgoingNotice(IdempotencyKey(record.Id), to, name, rendered.Subject, rendered.Body);
        DeliveryResult result;
        do
        {
            if (record.Attempts > 0)
            {
                await Task.Delay(options.SendRetryDelays[record.Attempts - 1], ct);
            }

            await limiters.WaitTurnAsync(campaign, ct);
            record.Attempts++;
            result = await channel.SendAsync(notice, ct);
        }
        while (!result.Accepted && result.Transient && record.Attempts <= options.SendRetryDelays.Count);

        if (result.Unreachable)
        {
            return result;
        }

        record.Status = result.Accepted ? DeliveryRecord.Sent : DeliveryRecord.Failed;
        record.ProviderResponse = result.ProviderResponse;
        record.ProviderMessageId = result.ProviderMessageId;
        record.Reason = result.Accepted ? null : result.Transient ? $"gave up after {record.Attempts} attempts" : "refused by the provider";
        return null;
    }

    private static async Task<CampaignStatus?> StatusAsync(IDocumentStore store, string tenant, Guid campaignId, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return (await session.LoadAsync<Campaign>(campaignId, ct))?.Status;
    }

    /// <summary>Stable for the person in this campaign, so a resent notice carries the same Message-Id / idempotency key.</summary>
    public static string IdempotencyKey(string recordId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId)))[..32];

    private static async Task<Dictionary<string, DeliveryRecord>> NotifiedBeforeAsync(IQuerySession session, Campaign campaign, IEnumerable<string> subjects,
        CancellationToken ct)
    {
        var wanted = subjects.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        var earlier = await session.Query<DeliveryRecord>()
            .Where(d => d.IncidentId == campaign.IncidentId && d.Status == DeliveryRecord.Sent && d.CampaignId != campaign.Id && d.SubjectId.IsOneOf(wanted))
            .ToListAsync(ct);
        return earlier.GroupBy(d => d.SubjectId).ToDictionary(g => g.Key, g => g.MinBy(d => d.FinishedAt)!, StringComparer.Ordinal);
    }

    // A redelivered batch finds these and skips their people. A plain insert: the people already recorded were left out
    // above, and two deliveries of one batch racing each other fail here on the second's duplicate key and are retried,
    // finding the first one's records.
    public static async Task RecordAsync(IDocumentStore store, string tenant, DeliveryRecord record, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        session.Insert(record);
        await session.SaveChangesAsync(ct);
        CaseManagementMetrics.DeliveriesRecorded(tenant, [(record.Channel, record.Status)]);
    }

    /// <summary>The batch as the campaign counts it: the Merkle root over all its records (earlier attempts' and this one's) in batch order.</summary>
    public static CampaignBatchRecorded CountBatch(Guid campaignId, int batch, IReadOnlyList<DeliveryRecord> batchRecords, DateTimeOffset now)
    {
        var records = batchRecords.OrderBy(r => r.Position).ToList();
        var root = Convert.ToHexStringLower(MerkleTree.Root([.. records.Select(r => Convert.FromHexString(r.LeafHash))]));
        return new CampaignBatchRecorded(campaignId, batch, records.Count(r => r.Status == DeliveryRecord.Sent),
            records.Count(r => r.Status == DeliveryRecord.Failed), records.Count(r => r.Status == DeliveryRecord.Suppressed), root,
            records.Count > 0 ? records.Min(r => r.FirstAttemptAt) : now, records.Count > 0 ? records.Max(r => r.FinishedAt) : now,
            ByJurisdiction(records, DeliveryRecord.Sent), ByJurisdiction(records, DeliveryRecord.Failed), ByJurisdiction(records, DeliveryRecord.Suppressed));
    }

    private static Dictionary<string, int> ByJurisdiction(IEnumerable<DeliveryRecord> records, string status) =>
        records.Where(r => r.Status == status).GroupBy(r => r.Jurisdiction ?? CampaignBatchLedger.UnknownResidence).ToDictionary(g => g.Key, g => g.Count());
}
