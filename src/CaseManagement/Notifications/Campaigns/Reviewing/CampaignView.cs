using CaseManagement.Api;

namespace CaseManagement.Notifications.Campaigns.Reviewing;

/// <summary>A campaign as the compliance lead watches it: where it stands, how fast it goes, when it will be done.</summary>
public sealed record CampaignView(
    Guid Id,
    long Version,
    Guid IncidentId,
    string Name,
    string Channel,
    string Status,
    Guid ScopingRunId,
    IReadOnlyList<string>? Jurisdictions,
    IReadOnlyList<TemplateChoice> Templates,
    int RatePerMinute,
    bool Renotify,
    string? DraftedBy,
    DateTimeOffset DraftedAt,
    IReadOnlyList<CampaignApproval> Approvals,
    int ApprovalsNeeded,
    DateTimeOffset? StartedAt,
    long? Total,
    long Sent,
    long Failed,
    long Suppressed,
    long? Pending,
    double? PerSecond,
    DateTimeOffset? EstimatedCompletion,
    DateTimeOffset? CompletedAt,
    string? MerkleRoot,
    string? CancelReason,
    IReadOnlyList<string> AllowedActions)
{
    public static CampaignView Of(Campaign c, DateTimeOffset now)
    {
        var done = c.Sent + c.Failed + c.Suppressed;
        long? pending = c.PlannedRecipients is { } total ? Math.Max(0, total - done) : null;
        double? rate = c.StartedAt is { } started && done > 0 && (c.LastDeliveryAt ?? now) > started
            ? Math.Round(done / ((c.LastDeliveryAt ?? now) - started).TotalSeconds, 1)
            : null;
        DateTimeOffset? eta = c.Status == CampaignStatus.Sending && pending is > 0 && rate is > 0 ? now.AddSeconds(pending.Value / rate.Value) : null;
        var actor = "";
        return new CampaignView(c.Id, c.Version, c.IncidentId, c.Name, c.Channel, ApiJson.WireName(c.Status), c.ScopingRunId, c.Jurisdictions, c.Templates,
            c.RatePerMinute, c.Renotify, c.DraftedBy, c.DraftedAt, c.Approvals, Math.Max(0, CampaignDecisions.RequiredApprovals - c.Approvals.Count),
            c.StartedAt, c.PlannedRecipients, c.Sent, c.Failed, c.Suppressed, pending, rate, eta, c.CompletedAt, c.MerkleRoot, c.CancelReason,
            [.. Enum.GetValues<CampaignAction>().Where(a => a == CampaignAction.Approve ? c.Status == CampaignStatus.AwaitingApprovals : CampaignDecisions.Refuse(c, a, actor) is null)
                .Select(ApiJson.WireName)]);
    }
}
