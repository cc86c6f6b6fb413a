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

    public IReadOnlyDictionary<string, int> SentByJurisdiction() =>
        Batches.SelectMany(b => b.SentByJurisdiction).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}

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
