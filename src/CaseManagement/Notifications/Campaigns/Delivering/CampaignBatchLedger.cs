using CaseManagement.Notifications.Proofs;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// The batches a campaign recorded, each with its Merkle root and counts, in batch order (inline, beside the campaign's
/// snapshot, which keeps only running totals): what completion and every delivery proof are computed from.
/// </summary>
public sealed class CampaignBatchLedger
{
    public Guid Id { get; set; }
    public List<CampaignBatchRecorded> Batches { get; set; } = [];

    /// <summary>The campaign's root: the Merkle root over the batch roots in batch order.</summary>
    public string MerkleRoot() => Convert.ToHexStringLower(MerkleTree.Root([.. Batches.Select(b => Convert.FromHexString(b.Root))]));

    /// <summary>The key batches count people without a recorded residence under.</summary>
    public const string UnknownResidence = "unknown";

    /// <summary>
    /// Per residence the campaign's audience had (people of unknown residence left out: they meet no duty), how many were
    /// sent to, failed, or were left out as notified before. A batch recorded before failures were counted per residence
    /// counts its failures against each residence it sent to, the cautious reading: someone there may not have been told.
    /// </summary>
    public IReadOnlyDictionary<string, DeliveryOutcome> Outcomes()
    {
        var outcomes = new Dictionary<string, DeliveryOutcome>(StringComparer.Ordinal);
        foreach (var batch in Batches)
        {
            var failed = batch.FailedByJurisdiction ?? Spread(batch, batch.Failed);
            var suppressed = batch.SuppressedByJurisdiction ?? Spread(batch, batch.Suppressed);
            foreach (var residence in batch.SentByJurisdiction.Keys.Union(failed.Keys).Union(suppressed.Keys))
            {
                var before = outcomes.GetValueOrDefault(residence) ?? new DeliveryOutcome(0, 0, 0);
                outcomes[residence] = new DeliveryOutcome(before.Sent + batch.SentByJurisdiction.GetValueOrDefault(residence),
                    before.Failed + failed.GetValueOrDefault(residence), before.Suppressed + suppressed.GetValueOrDefault(residence));
            }
        }

        outcomes.Remove(UnknownResidence);
        return outcomes;
    }

    private static IReadOnlyDictionary<string, int> Spread(CampaignBatchRecorded batch, int count) =>
        count == 0 ? new Dictionary<string, int>() : batch.SentByJurisdiction.ToDictionary(p => p.Key, _ => count);
}

/// <summary>How a campaign's deliveries to the people of one residence went.</summary>
public sealed record DeliveryOutcome(long Sent, long Failed, long Suppressed);

public sealed class CampaignBatchLedgerProjection : SingleStreamProjection<CampaignBatchLedger, Guid>
{
    public CampaignBatchLedgerProjection() => IncludeType<CampaignBatchRecorded>();

    public override CampaignBatchLedger? Evolve(CampaignBatchLedger? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not CampaignBatchRecorded batch)
        {
            return snapshot;
        }

        var ledger = snapshot ?? new CampaignBatchLedger { Id = id };
        if (ledger.Batches.All(b => b.Batch != batch.Batch))
        {
            ledger.Batches = [.. ledger.Batches.Append(batch).OrderBy(b => b.Batch)];
        }

        return ledger;
    }
}

/// <summary>Counts a batch on the campaign once; the last one asks for completion.</summary>
public static class RecordCampaignBatchHandler
{
    public static (Events, OutgoingMessages) Handle(RecordCampaignBatch message, [WriteAggregate] Campaign campaign, Marten.IDocumentSession session)
    {
        session.LastModifiedBy = SendCampaignBatchHandler.Actor;
        if (campaign.RecordedBatches.Contains(message.Batch.Batch))
        {
            return ([], []);
        }

        var completes = campaign.PlannedBatches is { } planned && campaign.RecordedBatches.Count + 1 >= planned;
        return ([message.Batch], completes ? [new CompleteCampaign(campaign.Id)] : []);
    }
}
