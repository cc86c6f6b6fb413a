namespace CaseManagement.Notifications.Campaigns;

// A campaign's own stream: the decisions that let it send, how far the sending got, and the proof root. The incident
// stream gets the outcome (NotificationCampaignCompleted) and the obligations it met; never one event per person.

/// <summary>Which approved template version goes to people of a jurisdiction; "*" is the one for everyone else.</summary>
public sealed record TemplateChoice(string Jurisdiction, string TemplateId, int Version, string Sha256);

/// <summary>What the notice says about the incident, as the compliance lead words it for this campaign.</summary>
/// <param name="Reference">The reference people quote when they write back (the incident's short id).</param>
/// <param name="DiscoveredAt">When the shop discovered the breach (the incident's awareness, else its detection).</param>
public sealed record NoticeContent(
    string Reference,
    string Title,
    DateTimeOffset DiscoveredAt,
    string WhatHappened,
    string LikelyConsequences,
    string WhatWeAreDoing,
    string WhatYouCanDo,
    DateTimeOffset? BreachStartedAt,
    DateTimeOffset? BreachEndedAt,
    string OrganisationName,
    string ContactEmail,
    string? ContactPhone,
    string? DpoContact,
    string? Website);

/// <param name="ScopingRunId">The scope assessment whose affected people are the audience.</param>
/// <param name="Jurisdictions">Only people of these jurisdictions (a country matches its states); null for everyone.</param>
/// <param name="Renotify">Also send to people this incident already notified in an earlier campaign.</param>
public sealed record CampaignDrafted(
    Guid CampaignId,
    Guid IncidentId,
    string Name,
    Guid ScopingRunId,
    string Channel,
    IReadOnlyList<string>? Jurisdictions,
    IReadOnlyList<TemplateChoice> Templates,
    NoticeContent Content,
    int RatePerMinute,
    bool Renotify);

/// <summary>One of the two people the two-person rule needs said yes; the actor is in the event's metadata.</summary>
public sealed record CampaignApproved(Guid CampaignId, string Approver, string? Comment);

/// <summary>The second distinct approval: sending starts.</summary>
public sealed record CampaignStarted(Guid CampaignId, IReadOnlyList<string> Approvers);

public sealed record CampaignPaused(Guid CampaignId, string Reason);

public sealed record CampaignResumed(Guid CampaignId);

/// <summary>No further notice is sent; what was sent stays recorded.</summary>
public sealed record CampaignCancelled(Guid CampaignId, string Reason);

/// <summary>The audience was split into batches of people (by their record id, so a batch is always the same people).</summary>
public sealed record CampaignPlanned(Guid CampaignId, int Batches, long Recipients);

/// <summary>
/// One batch's deliveries are recorded. The counts per jurisdiction ("unknown" for people without one) say who was told:
/// failed and suppressed ones were recorded from issue 14 on and are null on older batches. <paramref name="Root"/> is the Merkle root (RFC 6962, hex) over the batch's
/// delivery records in batch order; the campaign's root is the root over these batch roots in batch order.
/// </summary>
public sealed record CampaignBatchRecorded(
    Guid CampaignId,
    int Batch,
    int Sent,
    int Failed,
    int Suppressed,
    string Root,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset LastFinishedAt,
    IReadOnlyDictionary<string, int> SentByJurisdiction,
    IReadOnlyDictionary<string, int>? FailedByJurisdiction = null,
    IReadOnlyDictionary<string, int>? SuppressedByJurisdiction = null);

public sealed record CampaignCompleted(Guid CampaignId, long Sent, long Failed, long Suppressed, int Batches, string MerkleRoot, DateTimeOffset LastDeliveryAt);

/// <summary>
/// On the incident stream: a campaign finished. <paramref name="MerkleRoot"/> commits to every delivery record, so one
/// person's proof (GET …/deliveries/{id}/proof) can be checked against this event alone. <paramref name="NotCounted"/> lists
/// the duties to individuals it reached people for but could not meet (null on campaigns completed before issue 14).
/// </summary>
public sealed record NotificationCampaignCompleted(
    Guid IncidentId,
    Guid CampaignId,
    string Name,
    string Channel,
    long Sent,
    long Failed,
    long Suppressed,
    int Batches,
    string MerkleRoot,
    DateTimeOffset FirstDeliveryAt,
    DateTimeOffset LastDeliveryAt,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<NoticeNotCounted>? NotCounted = null);

/// <summary>
/// A duty to tell individuals of one residence that a completed campaign reached people for but did not meet: the notice
/// was not approved (or justified) for them, or did not reach them all.
/// </summary>
/// <param name="Basis">Why, as a word: approved-for-another, nothing-encoded, not-everyone-reached.</param>
public sealed record NoticeNotCounted(string RuleId, string Residence, string Basis, string Reason);

/// <summary>On the incident stream: two people approved a campaign and it started sending.</summary>
public sealed record NotificationCampaignStarted(Guid IncidentId, Guid CampaignId, string Name, string Channel, IReadOnlyList<string> Approvers);
