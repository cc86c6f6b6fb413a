using CaseManagement.Scoping;
using CaseManagement.Infrastructure;
using Marten;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// Splits a started campaign's audience into batches of people, reading only ids and jurisdictions page by page, and
/// hands every batch out in the same transaction that records the plan: a restart neither loses nor repeats a batch.
/// </summary>
public static class PlanCampaignHandler
{
    public const int BatchSize = 500;
    private const int Page = 10_000;

    public static void Configure(HandlerChain chain) => chain.ExecutionTimeoutInSeconds = (int)TimeSpan.FromMinutes(30).TotalSeconds;

    public static async Task<OutgoingMessages> Handle(PlanCampaign message, IDocumentSession session, ILogger<PlanCampaign> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Campaign>(message.CampaignId, ct);
        if (stream.Aggregate is not { Status: CampaignStatus.Sending or CampaignStatus.Paused, PlannedBatches: null } campaign)
        {
            return outgoing;
        }

        var (start, end) = RunBounds(campaign.ScopingRunId);
        var batch = new List<string>(BatchSize);
        var (after, batchAfter, recipients, batches) = (start, start, 0L, 0);
        while (true)
        {
            var page = await session.QueryAsync<PersonRef>(
                $"select jsonb_build_object('id', id, 'jurisdiction', data->>'jurisdiction') from {EventStoreConfiguration.Schema}.mt_doc_affectedpersonrecord " +
                "where tenant_id = ? and id > ? and id < ? order by id limit ?", ct, session.TenantId, after, end, Page);
            foreach (var person in page.Where(p => CampaignDecisions.InAudience(campaign.Jurisdictions, p.Jurisdiction)))
            {
                batch.Add(person.Id);
                if (batch.Count == BatchSize)
                {
                    outgoing.Add(new SendCampaignBatch(campaign.Id, batches++, batchAfter, batch[^1]));
                    (batchAfter, recipients) = (batch[^1], recipients + batch.Count);
                    batch.Clear();
                }
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Id;
        }

        if (batch.Count > 0)
        {
            outgoing.Add(new SendCampaignBatch(campaign.Id, batches++, batchAfter, batch[^1]));
            recipients += batch.Count;
        }

        stream.AppendOne(new CampaignPlanned(campaign.Id, batches, recipients));
        if (batches == 0)
        {
            outgoing.Add(new CompleteCampaign(campaign.Id));
        }

        logger.LogInformation("Campaign {CampaignId}: {Recipients} people in {Batches} batches", campaign.Id, recipients, batches);
        return outgoing;
    }

    /// <summary>A run's people have ids "{run:N}:…", so they lie strictly between these two keys.</summary>
    public static (string After, string End) RunBounds(Guid runId) => ($"{runId:N}:", $"{runId:N};");

    public sealed record PersonRef(string Id, string? Jurisdiction);
}
