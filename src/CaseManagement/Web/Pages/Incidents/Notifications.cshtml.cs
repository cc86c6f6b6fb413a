using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Deciding;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Drafting;
using CaseManagement.Notifications.Campaigns.Ordering;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Templates;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
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
public sealed class NotificationsModel(IQuerySession session, TimeProvider clock, Slices slices, IAuthorizationService authorization)
    : ResponsePageModel(slices, authorization)
{
    public const string DraftForm = "draft";

    public DraftCampaignForm Draft { get; private set; } = new();
    public bool MayDraft { get; private set; }
    /// <summary>The campaigns this person may approve now: the approve policy, and the campaign rules with this person as the actor.</summary>
    public IReadOnlySet<Guid> Approvable { get; private set; } = new HashSet<Guid>();
    public bool MayWaive { get; private set; }

    /// <summary>Per campaign, what this person may do to its sending now: pause, resume, cancel (the slices' policy and the campaign rules).</summary>
    public IReadOnlyList<(Campaign Campaign, IReadOnlyList<CampaignAction> Actions)> Controls { get; private set; } = [];

    /// <summary>Approved e-mail templates, the versions a campaign may name.</summary>
    public IReadOnlyList<NotificationTemplateVersion> Approved => [.. Templates.Where(t => t.IsApproved && t.Channel == NotificationChannel.Email)];

    public ResponseHeader Header { get; private set; } = null!;
    public IReadOnlyList<CampaignView> Campaigns { get; private set; } = [];
    public IReadOnlyDictionary<Guid, CampaignOrderingView> Ordering { get; private set; } = new Dictionary<Guid, CampaignOrderingView>();
    public IReadOnlyList<NotificationTemplateVersion> Templates { get; private set; } = [];
    public string? Email { get; private set; }
    public string? EmailError { get; private set; }
    public IReadOnlyList<RecipientDelivery>? Deliveries { get; private set; }

    public bool Sending => Campaigns.Any(c => c.Status == "sending");

    public Task<IActionResult> OnGetAsync(Guid id, string? email, CancellationToken ct) => LoadAsync(id, email, ct);

    /// <summary>POST …/campaigns: to the latest completed scope, one template for everyone and optionally one for a jurisdiction.</summary>
    public async Task<IActionResult> OnPostDraftAsync(Guid id, DraftCampaignForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(DraftCampaign), new { id },
            new DraftCampaign(form.Name, NotificationChannelNames.Email, null, null, form.Choices(), form.Content, form.RatePerMinute, null), form.IdempotencyKey, ct);
        Draft = form;
        return await AnswerAsync($"/incidents/{id}/notifications", DraftForm, answer, () => LoadAsync(id, null, ct));
    }

    /// <summary>POST /api/campaigns/{campaignId}/approve at the campaign's version the page showed; the second person's yes starts it.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, Guid campaignId, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(ApproveCampaign), new { campaignId },
            new ApproveCampaign(Blank(form.Text), form.ExpectedVersion), form.IdempotencyKey, ct);
        return await AnswerAsync($"/incidents/{id}/notifications", ApproveFormId(campaignId), answer, () => LoadAsync(id, null, ct));
    }

    /// <summary>POST …/ordering-duties/waive: the campaign may go ahead of this duty, with the justification; the duty stays owed.</summary>
    public async Task<IActionResult> OnPostWaiveAsync(Guid id, Guid campaignId, string ruleId, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(WaiveOrdering), new { id }, new WaiveOrdering(ruleId, Blank(form.Text), form.ExpectedVersion), form.IdempotencyKey, ct);
        return await AnswerAsync($"/incidents/{id}/notifications", WaiveFormId(campaignId, ruleId), answer, () => LoadAsync(id, null, ct));
    }

    /// <summary>POST /api/campaigns/{campaignId}/pause, /resume or /cancel at the campaign's version the page showed.</summary>
    public async Task<IActionResult> OnPostControlAsync(Guid id, Guid campaignId, string? control, DecisionForm form, CancellationToken ct)
    {
        var (operationId, command) = control switch
        {
            "pause" => (nameof(PauseCampaign), (object)new PauseCampaign(Blank(form.Text), form.ExpectedVersion)),
            "resume" => (nameof(ResumeCampaign), new ResumeCampaign(form.ExpectedVersion)),
            "cancel" => (nameof(CancelCampaign), new CancelCampaign(Blank(form.Text), form.ExpectedVersion)),
            _ => (null, null!),
        };
        if (operationId is null)
        {
            return NotFound();
        }

        var answer = await SendAsync(operationId, new { campaignId }, command, form.IdempotencyKey, ct);
        return await AnswerAsync($"/incidents/{id}/notifications", ControlFormId(campaignId, control!), answer, () => LoadAsync(id, null, ct));
    }

    private static readonly (CampaignAction Action, string OperationId)[] ControlSlices =
    [
        (CampaignAction.Pause, nameof(PauseCampaign)), (CampaignAction.Resume, nameof(ResumeCampaign)), (CampaignAction.Cancel, nameof(CancelCampaign)),
    ];

    public static string ControlFormId(Guid campaignId, string action) => $"{action}-{campaignId:N}";

    public static string ApproveFormId(Guid campaignId) => $"approve-{campaignId:N}";

    public static string WaiveFormId(Guid campaignId, string ruleId) => $"waive-{campaignId:N}-{ruleId}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<IActionResult> LoadAsync(Guid id, string? email, CancellationToken ct)
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
        MayDraft = incident.AllowedActions.Contains(IncidentAction.Notify) && await MayAsync(Policies.DecideNotification);
        MayWaive = incident.AllowedActions.Contains(IncidentAction.WaiveOrdering) && await MayAsync(Policies.DecideNotification);
        var actor = CaseManagementClaims.ActorOf(User);
        Approvable = await MayAsync(Policies.Approve)
            ? campaigns.Values.Where(c => CampaignDecisions.Refuse(c, CampaignAction.Approve, actor) is null).Select(c => c.Id).ToHashSet()
            : new HashSet<Guid>();
        var controls = new List<(Campaign, IReadOnlyList<CampaignAction>)>();
        foreach (var campaign in campaigns.Values.OrderBy(c => c.DraftedAt))
        {
            var allowed = new List<CampaignAction>();
            foreach (var (control, operationId) in ControlSlices)
            {
                if (CampaignDecisions.Refuse(campaign, control, actor) is null && await SliceAllowsAsync(operationId))
                {
                    allowed.Add(control);
                }
            }

            if (allowed.Count > 0)
            {
                controls.Add((campaign, allowed));
            }
        }

        Controls = controls;
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

/// <summary>
/// The draft form. Templates are picked as "templateId:version" from the approved ones: one for everyone ("*") and
/// optionally one for a jurisdiction of its own. The notice's content fields are named as the API names them (content.*).
/// </summary>
public sealed class DraftCampaignForm
{
    public string? Name { get; set; }
    public string? Template { get; set; }
    public string? OwnJurisdiction { get; set; }
    public string? OwnTemplate { get; set; }
    public NoticeContentRequest? Content { get; set; }
    public int? RatePerMinute { get; set; }
    public string? IdempotencyKey { get; set; }

    public IReadOnlyList<TemplateChoiceRequest> Choices()
    {
        var choices = new List<TemplateChoiceRequest>();
        if (!string.IsNullOrWhiteSpace(OwnJurisdiction) && Choice(OwnJurisdiction.Trim(), OwnTemplate) is { } own)
        {
            choices.Add(own);
        }

        if (Choice("*", Template) is { } everyone)
        {
            choices.Add(everyone);
        }

        return choices;
    }

    public static string ValueOf(NotificationTemplateVersion template) => $"{template.TemplateId}:{template.Version}";

    private static TemplateChoiceRequest? Choice(string jurisdiction, string? value) =>
        value?.LastIndexOf(':') is > 0 and var at && int.TryParse(value[(at + 1)..], out var version)
            ? new TemplateChoiceRequest(jurisdiction, value[..at], version)
            : null;
}
