using CaseManagement.Api;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Proofs;
using CaseManagement.Security;
using Marten;

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

public static class CampaignReadEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns/{campaignId:guid}", async (Guid campaignId, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
                await session.LoadAsync<Campaign>(campaignId, ct) is { } campaign
                    ? Results.Ok(CampaignView.Of(campaign, clock.GetUtcNow()))
                    : CampaignEndpoints.CampaignNotFound(campaignId))
            .WithName("GetCampaign")
            .WithSummary("Where a campaign stands: approvals, sent, failed, already notified, pending, rate and estimated completion")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<CampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/incidents/{id:guid}/campaigns", async (Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
                Results.Ok((await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct))
                    .OrderBy(c => c.DraftedAt).Select(c => CampaignView.Of(c, clock.GetUtcNow())).ToList()))
            .WithName("ListIncidentCampaigns")
            .WithSummary("The incident's notification campaigns, oldest first")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<List<CampaignView>>();

        app.MapGet("/api/campaigns/{campaignId:guid}/deliveries", async (Guid campaignId, string? status, int? page, int? pageSize, IQuerySession session,
                CancellationToken ct) =>
            {
                var size = Math.Clamp(pageSize ?? 100, 1, 1000);
                var number = Math.Max(page ?? 1, 1);
                if (status is not null && status is not (DeliveryRecord.Sent or DeliveryRecord.Failed or DeliveryRecord.Suppressed))
                {
                    return Problems.BadRequest($"status must be one of: {DeliveryRecord.Sent}, {DeliveryRecord.Failed}, {DeliveryRecord.Suppressed} (got '{status}').");
                }

                var query = session.Query<DeliveryRecord>().Where(d => d.CampaignId == campaignId);
                query = status is null ? query : query.Where(d => d.Status == status);
                var rows = await query.OrderBy(d => d.Batch).ThenBy(d => d.Position).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return Results.Ok(new DeliveryPage(campaignId, number, size, rows));
            })
            .WithName("ListCampaignDeliveries")
            .WithSummary("Delivery records of a campaign (no personal data in the clear), e.g. ?status=failed for the follow-up list")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<DeliveryPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/campaigns/{campaignId:guid}/deliveries/{personId}/proof", async (Guid campaignId, string personId, IQuerySession session,
                CancellationToken ct) =>
            {
                if (await session.LoadAsync<Campaign>(campaignId, ct) is not { } campaign)
                {
                    return CampaignEndpoints.CampaignNotFound(campaignId);
                }

                if (await session.LoadAsync<DeliveryRecord>(DeliveryRecord.IdFor(campaignId, personId), ct) is not { } delivery)
                {
                    return Results.Problem(title: "Delivery not found", detail: $"Campaign {campaignId} has no delivery for person {personId}.",
                        statusCode: StatusCodes.Status404NotFound);
                }

                var batches = (await session.Events.FetchStreamAsync(campaignId, token: ct)).Select(e => e.Data).OfType<CampaignBatchRecorded>()
                    .DistinctBy(b => b.Batch).OrderBy(b => b.Batch).ToList();
                if (campaign.MerkleRoot is null || batches.All(b => b.Batch != delivery.Batch))
                {
                    return Results.Problem(title: "Proof not ready", detail: "The campaign's Merkle root is recorded when its last batch is; ask again then.",
                        statusCode: StatusCodes.Status409Conflict);
                }

                var batchLeaves = (await session.Query<DeliveryRecord>().Where(d => d.CampaignId == campaignId && d.Batch == delivery.Batch).ToListAsync(ct))
                    .OrderBy(d => d.Position).Select(d => Convert.FromHexString(d.LeafHash)).ToList();
                var roots = batches.Select(b => Convert.FromHexString(b.Root)).ToList();
                var leaf = DeliveryLeaf.Hash(delivery.Facts());
                var index = batches.FindIndex(b => b.Batch == delivery.Batch);
                var batchPath = MerkleTree.AuditPath(batchLeaves, delivery.Position);
                var campaignPath = MerkleTree.AuditPath(roots, index);
                var verified = MerkleTree.Verify(leaf, delivery.Position, batchLeaves.Count, batchPath, roots[index])
                               && MerkleTree.Verify(roots[index], index, roots.Count, campaignPath, Convert.FromHexString(campaign.MerkleRoot));
                var anchor = (await session.Events.FetchStreamAsync(campaign.IncidentId, token: ct))
                    .Where(e => e.Data is NotificationCampaignCompleted c && c.CampaignId == campaignId)
                    .Select(e => new ProofAnchor(campaign.IncidentId, e.Version, e.Sequence, e.Timestamp))
                    .FirstOrDefault();
                return Results.Ok(new DeliveryProof(delivery, System.Text.Encoding.UTF8.GetString(DeliveryLeaf.Canonical(delivery.Facts())), Hex(leaf),
                    index, delivery.Position, batchLeaves.Count, [.. batchPath.Select(Hex)], batches[index].Root, roots.Count, [.. campaignPath.Select(Hex)],
                    campaign.MerkleRoot, anchor, verified));
            })
            .WithName("GetDeliveryProof")
            .WithSummary("One person's delivery record with the Merkle path to the campaign root recorded on the incident")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<DeliveryProof>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
