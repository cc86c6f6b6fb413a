using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CaseManagement.Rules;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Rules.Scenarios;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace CaseManagement.Readiness.Library;

/// <summary>
/// Someone proposed a new version of a playbook or scenario (from a review's lessons, or on its own): the whole document as
/// it would be published, checked by the catalogue's rules when proposed and again when accepted.
/// </summary>
/// <param name="Incident">The incident whose review led to it, when one did.</param>
public sealed record ChangeProposed(Guid ProposalId, ProcedureKind Kind, string Procedure, int BaseVersion, int Version, string Document, string Reason,
    Guid? Incident = null);

/// <summary>A second person accepted the proposal: the document is the organisation's version <paramref name="Version"/> from now on.</summary>
public sealed record ProposalAccepted(Guid ProposalId, ProcedureKind Kind, string Procedure, int Version, string Document, string Sha256, string? Comment);

public sealed record ProposalRejected(Guid ProposalId, string Reason);

public enum ProposalStatus
{
    Proposed,
    Accepted,
    Rejected,
}

/// <summary>A change proposal as its stream tells it (inline snapshot in the organisation's tenant).</summary>
public sealed record ChangeProposal
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public ProcedureKind Kind { get; init; }
    public string Procedure { get; init; } = "";
    public int BaseVersion { get; init; }
    public int ProposedVersion { get; init; }
    public string Document { get; init; } = "";
    public string Reason { get; init; } = "";
    public Guid? Incident { get; init; }
    public ProposalStatus Status { get; init; }
    public DateTimeOffset ProposedAt { get; init; }
    public string? ProposedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Decision { get; init; }
    public string? Sha256 { get; init; }

    public static ChangeProposal Create(IEvent<ChangeProposed> e) => new()
    {
        Id = e.Data.ProposalId, Kind = e.Data.Kind, Procedure = e.Data.Procedure, BaseVersion = e.Data.BaseVersion, ProposedVersion = e.Data.Version,
        Document = e.Data.Document, Reason = e.Data.Reason, Incident = e.Data.Incident, ProposedAt = e.Timestamp, ProposedBy = e.UserName,
    };

    public ChangeProposal Apply(IEvent<ProposalAccepted> e) =>
        this with { Status = ProposalStatus.Accepted, DecidedAt = e.Timestamp, DecidedBy = e.UserName, Decision = e.Data.Comment, Sha256 = e.Data.Sha256 };

    public ChangeProposal Apply(IEvent<ProposalRejected> e) =>
        this with { Status = ProposalStatus.Rejected, DecidedAt = e.Timestamp, DecidedBy = e.UserName, Decision = e.Data.Reason };
}

/// <summary>Each accepted proposal is a published version of the organisation's (the event is the source of truth; this is its projection).</summary>
public sealed partial class PublishedProcedureProjection : EventProjection
{
    public PublishedProcedure Create(IEvent<ProposalAccepted> e) => new()
    {
        Id = PublishedProcedure.IdFor(e.Data.Kind, e.Data.Procedure, e.Data.Version), Kind = e.Data.Kind, Procedure = e.Data.Procedure, Version = e.Data.Version,
        Document = e.Data.Document, Sha256 = e.Data.Sha256, ProposalId = e.Data.ProposalId, PublishedAt = e.Timestamp, PublishedBy = e.UserName,
    };
}

/// <summary>Pure: whether a document may be published as the next version of a procedure, and with which hash.</summary>
public static class ProposalRules
{
    /// <summary>The document read by the catalogue's own rules, or every problem with it (the version it must carry included).</summary>
    public static (IPublishedVersion? Version, IReadOnlyList<string> Problems) Check(ProcedureKind kind, string procedure, int nextVersion, string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var (read, problems) = kind == ProcedureKind.Playbook
            ? ((IPublishedVersion?, IReadOnlyList<string>))PlaybookCatalogue.Read(bytes)
            : ScenarioCatalogue.Read(bytes);
        var found = new List<string>(problems);
        if (read is not null && (read.Id != procedure || read.Version != nextVersion))
        {
            found.Add($"the document must be {procedure} version {nextVersion} (the next version); it is {read.Id} version {read.Version}");
        }

        return (found.Count == 0 ? read : null, found);
    }

    /// <summary>The versions of a procedure the organisation can run now: the next one is one past the newest.</summary>
    public static int NextVersion(IEnumerable<IPublishedVersion> known, string procedure) =>
        known.Where(v => v.Id == procedure).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
}

public sealed record ProposeChange(string? Kind, string? Procedure, JsonElement? Document, string? Reason, Guid? Incident);

/// <summary>What a proposal is checked against: every version of that kind the organisation can run.</summary>
public sealed record ProcedureVersions(IReadOnlyList<IPublishedVersion> Known);

public sealed record ProposalCreated(Guid Id, int Version) : CreationResponse($"/api/proposals/{Id}");

public static class ProposeChangeEndpoint
{
    public static ProblemDetails Validate(ProposeChange command)
    {
        var validation = new Validation().OneOf<ProcedureKind>("kind", command.Kind).Required("procedure", command.Procedure, 64)
            .Justified("reason", command.Reason, "say what the change fixes");
        return (command.Document is { ValueKind: JsonValueKind.Object } ? validation : validation.Add("document", "is required: the whole new version as a JSON object"))
            .ToProblem();
    }

    public static async Task<ProcedureVersions> LoadAsync(ProposeChange command, IQuerySession session, CancellationToken ct) =>
        new(ApiJson.ParseWire<ProcedureKind>(command.Kind!) == ProcedureKind.Playbook
            ? [.. (await ProcedureLibrary.PlaybooksAsync(session, ct)).All]
            : [.. (await ProcedureLibrary.ScenariosAsync(session, ct)).All]);

    public static ProblemDetails Validate(ProposeChange command, ProcedureVersions versions)
    {
        var procedure = command.Procedure!.Trim();
        if (versions.Known.All(v => v.Id != procedure))
        {
            return new Validation().Add("procedure", $"no {command.Kind} '{procedure}'; known: {string.Join(", ", versions.Known.Select(v => v.Id).Distinct())}").ToProblem();
        }

        var (_, problems) = ProposalRules.Check(ApiJson.ParseWire<ProcedureKind>(command.Kind!), procedure, ProposalRules.NextVersion(versions.Known, procedure),
            command.Document!.Value.GetRawText());
        return problems.Count == 0 ? WolverineContinue.NoProblems : Problems.InvalidDetails(new Dictionary<string, string[]> { ["document"] = [.. problems] });
    }

    [WolverinePost("/api/proposals", OperationId = nameof(ProposeChange),
        Summary = "Propose the next version of a playbook or scenario (the whole document); a second lead accepts it")]
    [Authorize(Policies.RecordFacts)]
    public static (ProposalCreated, IStartStream) Post(ProposeChange command, ProcedureVersions versions, DateTimeOffset now)
    {
        var procedure = command.Procedure!.Trim();
        var next = ProposalRules.NextVersion(versions.Known, procedure);
        var id = Guid.CreateVersion7(now);
        var proposed = new ChangeProposed(id, ApiJson.ParseWire<ProcedureKind>(command.Kind!), procedure, next - 1, next, command.Document!.Value.GetRawText(),
            command.Reason!.Trim(), command.Incident);
        return (new ProposalCreated(id, next), MartenOps.StartStream<ChangeProposal>(id, proposed));
    }
}

public sealed record AcceptProposal(string? Comment);

public static class AcceptProposalEndpoint
{
    public static async Task<ProcedureVersions> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ChangeProposal>(id, ct) is { Kind: ProcedureKind.Playbook }
            ? new([.. (await ProcedureLibrary.PlaybooksAsync(session, ct)).All])
            : new([.. (await ProcedureLibrary.ScenariosAsync(session, ct)).All]);

    /// <summary>Four eyes; still proposed; and still the next version (another proposal may have published it meanwhile).</summary>
    public static ProblemDetails Before(AcceptProposal command, ChangeProposal proposal, ProcedureVersions versions, ClaimsPrincipal user)
    {
        if (Forbidden.UnlessSecondPerson(user, $"proposal {proposal.Id}", Policies.LeadReadiness, [(proposal.ProposedBy, "proposed it")]) is { } forbidden)
        {
            return forbidden;
        }

        if (proposal.Status != ProposalStatus.Proposed)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "The proposal was decided",
                Detail = $"Proposal {proposal.Id} was {ApiJson.WireName(proposal.Status)} at {proposal.DecidedAt:O} by {proposal.DecidedBy}.",
            };
        }

        var next = ProposalRules.NextVersion(versions.Known, proposal.Procedure);
        return next == proposal.ProposedVersion ? new Validation().Optional("comment", command.Comment).ToProblem() : new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "Another version was published meanwhile",
            Detail = $"{proposal.Procedure} version {proposal.ProposedVersion} exists now; propose the change again on version {next - 1}.",
        };
    }

    [WolverinePost("/api/proposals/{id}/accept", OperationId = nameof(AcceptProposal),
        Summary = "Accept a proposal (not its proposer): its document becomes the organisation's next version of the playbook or scenario")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ProposalAccepted) Post(AcceptProposal command, [WriteAggregate] ChangeProposal proposal)
    {
        var (version, _) = ProposalRules.Check(proposal.Kind, proposal.Procedure, proposal.ProposedVersion, proposal.Document);
        return (new UpdatedAggregate(), new ProposalAccepted(proposal.Id, proposal.Kind, proposal.Procedure, proposal.ProposedVersion, proposal.Document,
            version?.Sha256 ?? throw new InvalidOperationException($"Proposal {proposal.Id} no longer reads as {proposal.Procedure} v{proposal.ProposedVersion}."),
            command.Comment?.Trim()));
    }
}

public sealed record RejectProposal(string? Reason);

public static class RejectProposalEndpoint
{
    public static ProblemDetails Validate(RejectProposal command) => new Validation().Justified("reason", command.Reason, "say why not").ToProblem();

    public static ProblemDetails Before(ChangeProposal proposal) => proposal.Status == ProposalStatus.Proposed ? WolverineContinue.NoProblems : new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict, Title = "The proposal was decided", Detail = $"Proposal {proposal.Id} was {ApiJson.WireName(proposal.Status)}.",
    };

    [WolverinePost("/api/proposals/{id}/reject", OperationId = nameof(RejectProposal), Summary = "Reject a proposal, with the reason")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ProposalRejected) Post(RejectProposal command, [WriteAggregate] ChangeProposal proposal) =>
        (new UpdatedAggregate(), new ProposalRejected(proposal.Id, command.Reason!.Trim()));
}

public static class ProposalReadEndpoints
{
    [WolverineGet("/api/proposals/{id}", OperationId = "GetProposal", Summary = "A change proposal: the document, who proposed and who decided")]
    [Authorize(Policies.ReadIncidents)]
    public static ChangeProposal Get([ReadAggregate] ChangeProposal proposal) => proposal;

    [WolverineGet("/api/proposals", OperationId = "ListProposals", Summary = "The organisation's change proposals, newest first")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IReadOnlyList<ChangeProposal>> List(IQuerySession session, CancellationToken ct) =>
        await session.Query<ChangeProposal>().OrderByDescending(p => p.ProposedAt).ToListAsync(ct);
}
