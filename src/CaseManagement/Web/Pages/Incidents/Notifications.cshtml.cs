using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Ordering;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>One person's delivery in one campaign, and its proof once the campaign's root is recorded.</summary>
public sealed record RecipientDelivery(CampaignView Campaign, DeliveryRecord Delivery, DeliveryProof? Proof, string? ProofMissing);

/// <summary>
/// The incident's notification work, read through the API's own slice methods: campaigns with their approvals, the duties
/// that must come first and their live progress (GET …/campaigns, GET /api/campaigns/{id}/ordering), one recipient's
/// deliveries with their proof (GET …/deliveries?email=, GET …/proof), the notice templates, and the regulator
/// submissions recorded on the incident.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class NotificationsModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public ResponseHeader Header { get; private set; } = null!;
    public IReadOnlyList<CampaignView> Campaigns { get; private set; } = [];
    public IReadOnlyDictionary<Guid, CampaignOrderingView> Ordering { get; private set; } = new Dictionary<Guid, CampaignOrderingView>();
    public IReadOnlyList<NotificationTemplateVersion> Templates { get; private set; } = [];
    public string? Email { get; private set; }
    public string? EmailError { get; private set; }
    public IReadOnlyList<RecipientDelivery>? Deliveries { get; private set; }

    public bool Sending => Campaigns.Any(c => c.Status == "sending");

    public async Task<IActionResult> OnGetAsync(Guid id, string? email, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        Header = new ResponseHeader(incident, ResponseHeader.Notification);
        Campaigns = await ListIncidentCampaignsEndpoint.Get(id, session, now, ct);
        var campaigns = (await session.LoadManyAsync<Campaign>(ct, Campaigns.Select(c => c.Id))).ToDictionary(c => c.Id);
        var ordering = new Dictionary<Guid, CampaignOrderingView>();
        foreach (var campaign in campaigns.Values.Where(c => c.Status == CampaignStatus.AwaitingApprovals))
        {
            ordering[campaign.Id] = await GetCampaignOrderingEndpoint.Get(campaign, session, now, ct);
        }

        Ordering = ordering;
        Templates = await NoticeTemplates.List(session, ct);
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (Email is not null)
        {
            await LookUpAsync(Email, campaigns, ct);
        }

        return Page();
    }

    private async Task LookUpAsync(string email, IReadOnlyDictionary<Guid, Campaign> campaigns, CancellationToken ct)
    {
        var found = new List<RecipientDelivery>();
        foreach (var view in Campaigns)
        {
            var (page, problem) = SliceAnswers.Read<DeliveryPage>(await ListCampaignDeliveriesEndpoint.Get(view.Id, null, email, null, null, session, ct));
            if (page is null)
            {
                EmailError = problem?.Detail;
                return;
            }

            foreach (var delivery in page.Deliveries)
            {
                var (proof, missing) = SliceAnswers.Read<DeliveryProof>(await GetDeliveryProofEndpoint.Get(delivery.PersonId, campaigns[view.Id], session, ct));
                found.Add(new RecipientDelivery(view, delivery, proof, missing?.Detail));
            }
        }

        Deliveries = found;
    }
}
