using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Scoping;
using CaseManagement.Notifications.Templates;
using Marten;

namespace CaseManagement.Notifications.NoticeTemplates;

/// <summary>
/// What a template would be given for a real person of an incident: the first person (in a stable order) that the
/// incident's latest completed scoping run found where the template applies, with their jurisdiction and data categories,
/// and the notice content of the incident's latest campaign. The person's name and address stay placeholders: a preview is
/// read by anyone who reads incidents, and personal data is revealed only to send the notice.
/// </summary>
public static class IncidentRecipient
{
    /// <summary>Said where the campaign's own words will stand once one is drafted.</summary>
    private const string NotDrafted = "[written when a campaign is drafted]";

    public static async Task<(TemplateModel? Model, ProblemDetails? Problem)> ModelAsync(NotificationTemplateVersion template, Guid incidentId,
        IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(incidentId, ct) is not { } incident)
        {
            return (null, new ProblemDetails
            {
                Title = "Unknown incident", Detail = $"No incident {incidentId} to take a recipient from.", Status = StatusCodes.Status404NotFound,
            });
        }

        var run = (await session.Query<ScopingRun>().Where(r => r.IncidentId == incidentId).OrderByDescending(r => r.RequestedAt).ToListAsync(ct))
            .FirstOrDefault(r => r.Status == ScopingRunStatus.Completed);
        if (run is null)
        {
            return Refused("the incident has no completed scoping run, so it has no recipient yet (POST …/scope)");
        }

        var jurisdictions = await session.Query<AffectedPersonRecord>().Where(p => p.RunId == run.Id).Select(p => p.Jurisdiction).Distinct().ToListAsync(ct);
        var fitting = jurisdictions.Where(j => CampaignDecisions.InAudience([template.Jurisdiction], j)).OfType<string>().ToArray();
        var people = session.Query<AffectedPersonRecord>().Where(p => p.RunId == run.Id);
        if (template.Jurisdiction != ContentRequirements.CatchAll)
        {
            people = people.Where(p => p.Jurisdiction.IsOneOf(fitting));
        }

        var person = await people.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return Refused($"none of the people the latest scoping run found lives where {template.Id} applies ({template.Jurisdiction}); "
                           + $"they live in: {string.Join(", ", jurisdictions.Select(j => j ?? "unknown"))}");
        }

        var recipient = SampleModel.AnonymousRecipient(person.Jurisdiction ?? "", person.DataCategories) with { Jurisdiction = person.Jurisdiction };
        var campaign = (await session.Query<Campaign>().Where(c => c.IncidentId == incidentId).ToListAsync(ct)).MaxBy(c => c.DraftedAt);
        return (campaign is not null
            ? CampaignNotices.Model(campaign.Content, recipient)
            : new TemplateModel(recipient,
                new IncidentFields(incident.Id.ToString("N")[..12].ToUpperInvariant(), incident.Title, NotDrafted, null, null, incident.AwareAt ?? incident.DetectedAt,
                    person.DataCategories, NotDrafted, NotDrafted, NotDrafted),
                new OrganisationFields(NotDrafted, NotDrafted, null, null, null, null)), null);
    }

    private static (TemplateModel?, ProblemDetails) Refused(string message) =>
        (null, Problems.InvalidDetails(new Dictionary<string, string[]> { ["incidentId"] = [message] }));
}
