using CaseManagement.Containment.Deciding;
using CaseManagement.Containment.Evidence;
using CaseManagement.Containment.Starting;
using CaseManagement.Containment.Reviewing;
using CaseManagement.Incidents;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// The incident's containment runs and evidence as GET …/containment and GET …/evidence answer them (the same slice
/// methods): each step's state and the decisions the rules allow on it, manual checklists, evidence files with their
/// hashes and custody.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class ContainmentModel(IQuerySession session, Slices slices, IAuthorizationService authorization) : ResponsePageModel(slices, authorization)
{
    public const string StartForm = "start";

    /// <summary>Each step decision: the option's wire name, the API's OperationId, the command's text field and the form's words.</summary>
    public static readonly IReadOnlyList<StepDecision> Decisions =
    [
        new("approve", nameof(ApproveContainmentStep), "comment", "Comment (optional)", "Approve", Policies.Approve),
        new("complete", nameof(CompleteContainmentStep), "note", "What was done", "Mark done", Policies.RecordFacts),
        new("retry", nameof(RetryContainmentStep), "reason", "Why again", "Retry", Policies.RecordFacts),
        new("skip", nameof(SkipContainmentStep), "justification", "Why skip it", "Skip", Policies.RecordFacts),
        new("rollback", nameof(RollBackContainmentStep), "reason", "Why roll back", "Roll back", Policies.RecordFacts),
    ];

    public StartContainmentForm Start { get; private set; } = new();
    public Playbook? Chosen { get; private set; }
    public bool MayStart { get; private set; }

    /// <summary>Evidence holds shoppers' data: only those who may read personal data download it (the slice checks again).</summary>
    public bool MayDownload { get; private set; }

    /// <summary>The decisions this person's roles allow; the rules' options per step come from the API's view.</summary>
    public IReadOnlySet<string> MayDecide { get; private set; } = new HashSet<string>();

    public ResponseHeader Header { get; private set; } = null!;
    public ContainmentView Containment { get; private set; } = null!;
    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];
    public IReadOnlyList<Playbook> Playbooks { get; private set; } = [];

    /// <summary>The legal hold on the incident's evidence as GET …/evidence/hold answers it (never placed: not active, no one named).</summary>
    public EvidenceHold? Hold { get; private set; }

    /// <summary>Placing and lifting a hold are the compliance lead's (the hold slices' policy).</summary>
    public bool MayHold { get; private set; }

    /// <summary>Work goes on in the background while a run neither finished nor waits for a person.</summary>
    public bool Working => Containment.Latest?.Status == "running"
                           || Containment.Latest?.Steps.Any(s => s.Status is "running" or "retrying" or "rolling-back" or "approved") == true;

    public Task<IActionResult> OnGetAsync(Guid id, string? playbook, CancellationToken ct) => LoadAsync(id, playbook, ct);

    /// <summary>POST …/containment with the chosen playbook, its parameters and the reason.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id, StartContainmentForm form, CancellationToken ct)
    {
        var parameters = form.Parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        var answer = await SendAsync(nameof(StartContainment), new { id },
            new StartContainment(form.Playbook, null, parameters, Blank(form.Reason), form.ExpectedVersion), form.IdempotencyKey, ct);
        Start = form;
        return await AnswerAsync($"/incidents/{id}/containment", StartForm, answer, () => LoadAsync(id, form.Playbook, ct));
    }

    /// <summary>One person's decision on one step: the slice named by <paramref name="decision"/>, with the run's version the page showed.</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid runId, string step, string decision, DecisionForm form, CancellationToken ct)
    {
        if (Decisions.FirstOrDefault(d => d.Option == decision) is not { } chosen)
        {
            return BadRequest();
        }

        var text = Blank(form.Text);
        object command = chosen.Option switch
        {
            "approve" => new ApproveContainmentStep(text, form.ExpectedVersion),
            "complete" => new CompleteContainmentStep(text, form.ExpectedVersion),
            "retry" => new RetryContainmentStep(text, form.ExpectedVersion),
            "skip" => new SkipContainmentStep(text, form.ExpectedVersion),
            _ => new RollBackContainmentStep(text, null, form.ExpectedVersion),
        };
        var answer = await SendAsync(chosen.OperationId, new { id, runId, step }, command, form.IdempotencyKey, ct);
        return await AnswerAsync($"/incidents/{id}/containment", FormId(step, chosen.Option), answer, () => LoadAsync(id, null, ct));
    }

    /// <summary>
    /// GET …/evidence/{evidenceId}/files/{file} through the API's own slice, which checks the file's hash before serving it
    /// and records the access in the chain of custody. Files larger than <see cref="MaxPageDownloadBytes"/> are offered
    /// through the API only, since the page holds the file in memory.
    /// </summary>
    public async Task<IActionResult> OnGetEvidenceFileAsync(Guid id, Guid evidenceId, string file, CancellationToken ct)
    {
        var download = await DownloadAsync("DownloadEvidenceFile", new { id, evidenceId, file }, ct);
        if (download.Answer.Succeeded)
        {
            return File(download.Bytes, download.ContentType ?? "application/octet-stream", download.FileName ?? file);
        }

        return await RefusedAsync(EvidenceForm(evidenceId), download.Answer, () => LoadAsync(id, null, ct));
    }

    /// <summary>POST …/evidence/hold: nothing of the incident's evidence is destroyed, and no one named in it erased, until the hold is lifted.</summary>
    public Task<IActionResult> OnPostPlaceHoldAsync(Guid id, DecisionForm form, CancellationToken ct) => ChangeHoldAsync(id, "PlaceEvidenceHold", form, ct);

    /// <summary>POST …/evidence/hold/lift, with the reason.</summary>
    public Task<IActionResult> OnPostLiftHoldAsync(Guid id, DecisionForm form, CancellationToken ct) => ChangeHoldAsync(id, "LiftEvidenceHold", form, ct);

    private async Task<IActionResult> ChangeHoldAsync(Guid id, string operationId, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(operationId, new { id }, new ChangeEvidenceHold(Blank(form.Text)), form.IdempotencyKey, ct);
        return await AnswerAsync($"/incidents/{id}/containment", HoldForm, answer, () => LoadAsync(id, null, ct));
    }

    public const string HoldForm = "evidence-hold";

    public const long MaxPageDownloadBytes = 64L * 1024 * 1024;

    public static string EvidenceForm(Guid evidenceId) => $"evidence-{evidenceId}";

    public static string FormId(string step, string option) => $"step-{step}-{option}";

    private async Task<IActionResult> LoadAsync(Guid id, string? playbook, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
        }

        Header = new ResponseHeader(incident, ResponseHeader.Containment);
        var (containment, problem) = SliceAnswers.Read<ContainmentView>(await GetContainmentEndpoint.Get(id, session, ct));
        var (evidence, _) = SliceAnswers.Read<IReadOnlyList<EvidenceItem>>(await ListEvidenceEndpoint.Get(id, session, ct));
        if (containment is null)
        {
            return StatusCode(problem?.Status ?? StatusCodes.Status500InternalServerError);
        }

        Containment = containment;
        Evidence = evidence ?? [];
        Playbooks = ListPlaybooksEndpoint.Get();
        (Hold, _) = SliceAnswers.Read<EvidenceHold>(await GetEvidenceHoldEndpoint.Get(id, session, ct));
        MayHold = await SliceAllowsAsync(Hold is { Active: true } ? "LiftEvidenceHold" : "PlaceEvidenceHold");
        Chosen = Playbooks.FirstOrDefault(p => p.Id == (playbook ?? Start.Playbook));
        MayDownload = await MayAsync(Policies.ReadPersonalData);
        MayStart = incident.AllowedActions.Contains(IncidentAction.StartContainment) && await MayAsync(Policies.RecordFacts)
                   && Containment.Latest?.Status is null or "completed" or "superseded";
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in Decisions)
        {
            if (await MayAsync(decision.Policy))
            {
                allowed.Add(decision.Option);
            }
        }

        MayDecide = allowed;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <param name="Option">The option's wire name as GET …/containment lists it for a step.</param>
/// <param name="Field">The command's text field, whose name the API's problems use.</param>
public sealed record StepDecision(string Option, string OperationId, string Field, string Label, string Button, string Policy);

/// <summary>The start form: the playbook, its parameters by name (parameters[name]), the reason, at the incident's version.</summary>
public sealed class StartContainmentForm
{
    public string? Playbook { get; set; }
    public Dictionary<string, string?> Parameters { get; set; } = new(StringComparer.Ordinal);
    public string? Reason { get; set; }
    public long? ExpectedVersion { get; set; }
    public string? IdempotencyKey { get; set; }
}
