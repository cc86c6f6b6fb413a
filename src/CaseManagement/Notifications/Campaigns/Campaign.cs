using JasperFx.Events;

namespace CaseManagement.Notifications.Campaigns;

public enum CampaignStatus
{
    AwaitingApprovals,
    Sending,
    Paused,
    Cancelled,
    Completed,
}

public sealed record CampaignApproval(string Approver, DateTimeOffset At, string? Comment);

/// <summary>
/// A notification campaign as its stream left it (inline snapshot). Running totals only: the batch roots stay in the
/// events, where completion reads them, so the snapshot does not grow with the audience.
/// </summary>
public sealed partial record Campaign
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public string Name { get; init; } = "";
    public Guid ScopingRunId { get; init; }
    public string Channel { get; init; } = "";
    public IReadOnlyList<string>? Jurisdictions { get; init; }
    public IReadOnlyList<TemplateChoice> Templates { get; init; } = [];
    public NoticeContent Content { get; init; } = null!;
    public int RatePerMinute { get; init; }
    public bool Renotify { get; init; }
    public string? DraftedBy { get; init; }
    public DateTimeOffset DraftedAt { get; init; }
    public IReadOnlyList<CampaignApproval> Approvals { get; init; } = [];
    public DateTimeOffset? StartedAt { get; init; }
    public bool Paused { get; init; }
    public string? CancelReason { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public int? PlannedBatches { get; init; }
    public long? PlannedRecipients { get; init; }

    /// <summary>Batches recorded so far, ascending: a redelivered batch is not counted twice.</summary>
    public IReadOnlyList<int> RecordedBatches { get; init; } = [];
    public long Sent { get; init; }
    public long Failed { get; init; }
    public long Suppressed { get; init; }
    public DateTimeOffset? FirstDeliveryAt { get; init; }
    public DateTimeOffset? LastDeliveryAt { get; init; }
    public string? MerkleRoot { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public CampaignStatus Status => this switch
    {
        { CompletedAt: not null } => CampaignStatus.Completed,
        { CancelledAt: not null } => CampaignStatus.Cancelled,
        { StartedAt: null } => CampaignStatus.AwaitingApprovals,
        { Paused: true } => CampaignStatus.Paused,
        _ => CampaignStatus.Sending,
    };

    /// <summary>How many more different people must approve before sending starts (the two-person rule).</summary>
    public int ApprovalsNeeded => Math.Max(0, CampaignDecisions.RequiredApprovals - Approvals.Count);

    /// <summary>What may be done to the campaign now (by someone who has not approved it yet, for an approval).</summary>
    public IReadOnlyList<CampaignAction> AllowedActions =>
        [.. Enum.GetValues<CampaignAction>().Where(a => a == CampaignAction.Approve ? Status == CampaignStatus.AwaitingApprovals : CampaignDecisions.Refuse(this, a, "") is null)];

    /// <summary>Every planned batch is recorded: the campaign can be completed.</summary>
    public bool AllBatchesRecorded => PlannedBatches is { } planned && RecordedBatches.Count >= planned;

    public static Campaign Create(IEvent<CampaignDrafted> e) => new()
    {
        Id = e.Data.CampaignId,
        IncidentId = e.Data.IncidentId,
        Name = e.Data.Name,
        ScopingRunId = e.Data.ScopingRunId,
        Channel = e.Data.Channel,
        Jurisdictions = e.Data.Jurisdictions,
        Templates = e.Data.Templates,
        Content = e.Data.Content,
        RatePerMinute = e.Data.RatePerMinute,
        Renotify = e.Data.Renotify,
        DraftedBy = e.UserName,
        DraftedAt = e.Timestamp,
    };

    public Campaign Apply(IEvent<CampaignApproved> e) => this with { Approvals = [.. Approvals, new CampaignApproval(e.Data.Approver, e.Timestamp, e.Data.Comment)] };

    public Campaign Apply(IEvent<CampaignStarted> e) => this with { StartedAt = e.Timestamp };

    public Campaign Apply(CampaignPaused _) => this with { Paused = true };

    public Campaign Apply(CampaignResumed _) => this with { Paused = false };

    public Campaign Apply(IEvent<CampaignCancelled> e) => this with { CancelledAt = e.Timestamp, CancelReason = e.Data.Reason };

    public Campaign Apply(CampaignPlanned e) => this with { PlannedBatches = e.Batches, PlannedRecipients = e.Recipients };

    public Campaign Apply(CampaignBatchRecorded e) => RecordedBatches.Contains(e.Batch)
        ? this
        : this with
        {
            RecordedBatches = [.. RecordedBatches.Append(e.Batch).Order()],
            Sent = Sent + e.Sent,
            Failed = Failed + e.Failed,
            Suppressed = Suppressed + e.Suppressed,
            FirstDeliveryAt = FirstDeliveryAt is { } first && first < e.FirstAttemptAt ? first : e.FirstAttemptAt,
            LastDeliveryAt = LastDeliveryAt is { } last && last > e.LastFinishedAt ? last : e.LastFinishedAt,
        };

    public Campaign Apply(IEvent<CampaignCompleted> e) => this with { CompletedAt = e.Timestamp, MerkleRoot = e.Data.MerkleRoot };
}
