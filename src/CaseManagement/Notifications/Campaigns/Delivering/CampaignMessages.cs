namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>Split the started campaign's audience into batches and hand them out.</summary>
public sealed record PlanCampaign(Guid CampaignId);

/// <summary>
/// Notify the people of one batch: the scoping run's affected people with ids in (<paramref name="After"/>,
/// <paramref name="Last"/>], in the campaign's audience. The bounds make a redelivered batch the very same people.
/// </summary>
public sealed record SendCampaignBatch(Guid CampaignId, int Batch, string After, string Last);

/// <summary>Every batch is recorded: commit the Merkle root and record the outcome on the incident.</summary>
public sealed record CompleteCampaign(Guid CampaignId);

/// <summary>The deliveries of one batch are recorded: count it on the campaign, once.</summary>
public sealed record RecordCampaignBatch(Guid CampaignId, CampaignBatchRecorded Batch);

/// <summary>A campaign started sending: tell the incident.</summary>
public sealed record RecordCampaignStarted(Guid IncidentId, Guid CampaignId, string Name, string Channel, IReadOnlyList<string> Approvers);

/// <summary>A campaign completed: record its outcome, the obligations it met and "notified" on the incident.</summary>
public sealed record RecordCampaignOutcome(Guid IncidentId, Guid CampaignId);
