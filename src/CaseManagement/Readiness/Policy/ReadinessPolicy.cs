using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Readiness.Exercises;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Readiness.Policy;

/// <summary>The organisation changed its readiness policy: the severities whose incidents close only after a completed review.</summary>
public sealed record ReadinessPolicySet(IReadOnlyList<Severity> ReviewRequiredFor, string? Reason = null);

/// <summary>
/// The organisation's readiness policy (ADR 24), one stream per organisation in its own tenant; exercises follow their
/// organisation's. Without any event the defaults hold: high and critical incidents need a completed review.
/// </summary>
public sealed record ReadinessPolicy
{
    public static readonly IReadOnlyList<Severity> DefaultReviewRequiredFor = [Severity.High, Severity.Critical];

    public Guid Id { get; set; }
    public long Version { get; set; }
    public IReadOnlyList<Severity> ReviewRequiredFor { get; init; } = DefaultReviewRequiredFor;
    public DateTimeOffset? SetAt { get; init; }
    public string? SetBy { get; init; }

    public static Guid StreamFor(string organisation) => IncidentStreams.Derived($"casemanagement:readiness-policy:{organisation}");

    public static ReadinessPolicy Default(string organisation) => new() { Id = StreamFor(organisation) };

    public static ReadinessPolicy Create(IEvent<ReadinessPolicySet> e) => new ReadinessPolicy { Id = e.StreamId }.Apply(e);

    public ReadinessPolicy Apply(IEvent<ReadinessPolicySet> e) => this with { ReviewRequiredFor = e.Data.ReviewRequiredFor, SetAt = e.Timestamp, SetBy = e.UserName };

    /// <summary>The policy that applies in a tenant: its organisation's (an exercise's tenant holds none of its own).</summary>
    public static async Task<ReadinessPolicy> ForTenantAsync(IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        var organisation = ExerciseTenants.OrganisationOf(session.TenantId);
        if (organisation == session.TenantId)
        {
            return await session.LoadAsync<ReadinessPolicy>(StreamFor(organisation), ct) ?? Default(organisation);
        }

        await using var own = store.QuerySession(organisation);
        return await own.LoadAsync<ReadinessPolicy>(StreamFor(organisation), ct) ?? Default(organisation);
    }
}

public sealed record ReadinessPolicyView(IReadOnlyList<string> ReviewRequiredFor, bool IsDefault, DateTimeOffset? SetAt, string? SetBy, long Version)
{
    public static ReadinessPolicyView Of(ReadinessPolicy p) =>
        new([.. p.ReviewRequiredFor.Order().Select(s => ApiJson.WireName(s))], p.SetAt is null, p.SetAt, p.SetBy, p.Version);
}

/// <summary>Set which severities need a completed post-incident review before their incidents close; an empty list turns the gate off.</summary>
public sealed record SetReadinessPolicy(IReadOnlyList<string>? ReviewRequiredFor, string? Reason);

public static class ReadinessPolicyEndpoints
{
    public static ProblemDetails Validate(SetReadinessPolicy command)
    {
        var validation = new Validation().Justified("reason", command.Reason, "say why the organisation changes which incidents need a review");
        if (command.ReviewRequiredFor is not { } severities)
        {
            return validation.Add("reviewRequiredFor", $"is required: a list of severities ({string.Join(", ", ApiJson.WireNames<Severity>())}), empty for none").ToProblem();
        }

        for (var i = 0; i < severities.Count; i++)
        {
            validation.OneOf<Severity>($"reviewRequiredFor[{i}]", severities[i]);
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/readiness/policy", OperationId = nameof(SetReadinessPolicy),
        Summary = "Set the severities whose incidents close only after a completed post-incident review (high and critical unless set; [] for none)")]
    [Authorize(Policies.LeadReadiness)]
    public static async Task<ReadinessPolicyView> Post(SetReadinessPolicy command, IDocumentSession session, ClaimsPrincipal user, DateTimeOffset now,
        CancellationToken ct)
    {
        var set = new ReadinessPolicySet([.. command.ReviewRequiredFor!.Select(ApiJson.ParseWire<Severity>).Distinct().Order()], command.Reason!.Trim());
        var policy = await session.Events.FetchForWriting<ReadinessPolicy>(ReadinessPolicy.StreamFor(CaseManagementClaims.OrganisationOf(user)!), ct);
        policy.AppendOne(set);

        // The answer is the snapshot's own fold of the event as it will be recorded, so the two cannot drift apart.
        var recorded = new Event<ReadinessPolicySet>(set) { StreamId = policy.Id, UserName = session.LastModifiedBy, Timestamp = now };
        var after = policy.Aggregate is { } before ? before.Apply(recorded) : ReadinessPolicy.Create(recorded);
        return ReadinessPolicyView.Of(after with { Version = (policy.StartingVersion ?? 0) + 1 });
    }
}

/// <summary>Its own class: Wolverine applies a class's Validate to every endpoint in it, and a read has no command to validate.</summary>
public static class ReadinessPolicyReadEndpoint
{
    [WolverineGet("/api/readiness/policy", OperationId = "GetReadinessPolicy", Summary = "The organisation's readiness policy: which severities need a completed review to close")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<ReadinessPolicyView> Get(IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user)!;
        return ReadinessPolicyView.Of(await session.LoadAsync<ReadinessPolicy>(ReadinessPolicy.StreamFor(organisation), ct) ?? ReadinessPolicy.Default(organisation));
    }
}
