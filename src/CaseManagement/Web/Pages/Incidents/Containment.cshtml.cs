using CaseManagement.Containment.Evidence;
using CaseManagement.Containment.Reviewing;
using CaseManagement.Incidents;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Security;
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
public sealed class ContainmentModel(IQuerySession session) : PageModel
{
    public ResponseHeader Header { get; private set; } = null!;
    public ContainmentView Containment { get; private set; } = null!;
    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];
    public IReadOnlyList<Playbook> Playbooks { get; private set; } = [];

    /// <summary>Work goes on in the background while a run neither finished nor waits for a person.</summary>
    public bool Working => Containment.Latest?.Status == "running"
                           || Containment.Latest?.Steps.Any(s => s.Status is "running" or "retrying" or "rolling-back" or "approved") == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
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
        return Page();
    }
}
