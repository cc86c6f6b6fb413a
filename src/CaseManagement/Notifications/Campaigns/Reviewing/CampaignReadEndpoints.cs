using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Proofs;
using Marten;
using Marten.Events;

namespace CaseManagement.Notifications.Campaigns.Reviewing;

/// <summary>
/// One person's delivery and the hashes that tie it to the campaign's root on the incident stream. To check it: hash
/// <see cref="Canonical"/> as an RFC 6962 leaf, fold <see cref="BatchPath"/> to the batch root (leaf index <see cref="Position"/>
/// of <see cref="BatchSize"/>), fold <see cref="CampaignPath"/> to the campaign root (index <see cref="Batch"/> of
/// <see cref="Batches"/>, the batch roots taken as leaf hashes) and compare with the root in <see cref="RecordedAs"/>.
/// </summary>
public sealed record DeliveryProof(
    DeliveryRecord Delivery,
    string Canonical,
    string LeafHash,
    int Batch,
    int Position,
    int BatchSize,
    IReadOnlyList<string> BatchPath,
    string BatchRoot,
    int Batches,
    IReadOnlyList<string> CampaignPath,
    string MerkleRoot,
    ProofAnchor? RecordedAs,
    bool Verified);

/// <summary>Where the root is on the incident's record: the event that carries it.</summary>
public sealed record ProofAnchor(Guid IncidentId, long Version, long Sequence, DateTimeOffset Timestamp);

public sealed record DeliveryPage(Guid CampaignId, int Page, int PageSize, IReadOnlyList<DeliveryRecord> Deliveries);

public static class GetCampaignEndpoint
{
    [WolverineGet("/api/campaigns/{campaignId}", OperationId = "GetCampaign",
        Summary = "Where a campaign stands: approvals, sent, failed, already notified, pending, rate and estimated completion")]
    [Authorize(Policies.ReadIncidents)]
    public static CampaignView Get([ReadAggregate("campaignId")] Campaign campaign, DateTimeOffset now) => CampaignView.Of(campaign, now);
}

public static class ListIncidentCampaignsEndpoint
{
    [WolverineGet("/api/incidents/{id}/campaigns", OperationId = "ListIncidentCampaigns", Summary = "The incident's notification campaigns, oldest first")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<List<CampaignView>> Get(Guid id, IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        (await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct)).OrderBy(c => c.DraftedAt).Select(c => CampaignView.Of(c, now)).ToList();
}

public static class ListCampaignDeliveriesEndpoint
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static ProblemDetails Validate(int? page, int? pageSize) => new Validation().Pages(page, pageSize, MaxPageSize).ToProblem();

    [WolverineGet("/api/campaigns/{campaignId}/deliveries", OperationId = "ListCampaignDeliveries",
        Summary = "Delivery records of a campaign (no personal data in the clear), e.g. ?status=failed for the follow-up list, or ?email= for the " +
                  "deliveries to one address (matched by its hash, as the records keep it)")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid campaignId, string? status, string? email, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var size = pageSize ?? DefaultPageSize;
        var number = page ?? 1;
        if (status is not null && status is not (DeliveryRecord.Sent or DeliveryRecord.Failed or DeliveryRecord.Suppressed))
        {
            return Problems.BadRequest($"status must be one of: {DeliveryRecord.Sent}, {DeliveryRecord.Failed}, {DeliveryRecord.Suppressed} (got '{status}').");
        }

        var query = session.Query<DeliveryRecord>().Where(d => d.CampaignId == campaignId);
        query = status is null ? query : query.Where(d => d.Status == status);
        if (email is not null)
        {
            if (!email.Contains('@'))
            {
                return Problems.BadRequest($"email must be an e-mail address as the person gives it, e.g. ana@example.com (got '{email}').");
            }

            var hash = DeliveryRecord.AddressSha256(email);
            query = query.Where(d => d.ToSha256 == hash);
        }

        var rows = await query.OrderBy(d => d.Batch).ThenBy(d => d.Position).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new DeliveryPage(campaignId, number, size, rows));
    }
}

public static class GetDeliveryProofEndpoint
{
    [WolverineGet("/api/campaigns/{campaignId}/deliveries/{personId}/proof", OperationId = "GetDeliveryProof",
        Summary = "One person's delivery record with the Merkle path to the campaign root recorded on the incident")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(string personId, [ReadAggregate("campaignId")] Campaign campaign, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<DeliveryRecord>(DeliveryRecord.IdFor(campaign.Id, personId), ct) is not { } delivery)
        {
            return Results.Problem(title: "Delivery not found", detail: $"Campaign {campaign.Id} has no delivery for person {personId}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var batches = (await session.LoadAsync<CampaignBatchLedger>(campaign.Id, ct))?.Batches ?? [];
        if (campaign.MerkleRoot is null || batches.All(b => b.Batch != delivery.Batch))
        {
            return Results.Problem(title: "Proof not ready", detail: "The campaign's Merkle root is recorded when its last batch is; ask again then.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var batchLeaves = (await session.Query<DeliveryRecord>().Where(d => d.CampaignId == campaign.Id && d.Batch == delivery.Batch).ToListAsync(ct))
            .OrderBy(d => d.Position).Select(d => Convert.FromHexString(d.LeafHash)).ToList();
        var roots = batches.Select(b => Convert.FromHexString(b.Root)).ToList();
        var leaf = DeliveryLeaf.Hash(delivery.Facts());
        var index = batches.FindIndex(b => b.Batch == delivery.Batch);
        var batchPath = MerkleTree.AuditPath(batchLeaves, delivery.Position);
        var campaignPath = MerkleTree.AuditPath(roots, index);
        var verified = MerkleTree.Verify(leaf, delivery.Position, batchLeaves.Count, batchPath, roots[index])
                       && MerkleTree.Verify(roots[index], index, roots.Count, campaignPath, Convert.FromHexString(campaign.MerkleRoot));
        var anchor = (await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == campaign.IncidentId && e.EventTypesAre(typeof(NotificationCampaignCompleted)))
                .ToListAsync(ct))
            .Where(e => ((NotificationCampaignCompleted)e.Data).CampaignId == campaign.Id)
            .Select(e => new ProofAnchor(campaign.IncidentId, e.Version, e.Sequence, e.Timestamp))
            .FirstOrDefault();
        return Results.Ok(new DeliveryProof(delivery, System.Text.Encoding.UTF8.GetString(DeliveryLeaf.Canonical(delivery.Facts())), Hex(leaf),
            index, delivery.Position, batchLeaves.Count, [.. batchPath.Select(Hex)], batches[index].Root, roots.Count, [.. campaignPath.Select(Hex)],
            campaign.MerkleRoot, anchor, verified));
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
