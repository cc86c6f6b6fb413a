using CaseManagement.Notifications.Campaigns;
using JasperFx.Events;

namespace CaseManagement.Incidents;

// Campaign outcomes and regulator submissions on the incident: facts for the history and the deadline timeline; the
// lifecycle's own "notified" is a separate event (IncidentNotified), recorded beside them.
public sealed partial record Incident
{
    public Incident Apply(IEvent<NotificationCampaignStarted> e) => Touch(e);

    public Incident Apply(IEvent<NotificationCampaignCompleted> e) => Touch(e);

    public Incident Apply(IEvent<Notifications.RegulatorSubmissions.RegulatorSubmissionRecorded> e) => Touch(e);
}
