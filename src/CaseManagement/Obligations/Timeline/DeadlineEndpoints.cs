using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;

namespace CaseManagement.Obligations.Timeline;

/// <summary>
/// What-if: the incident's facts with some replaced, or another catalogue version. Evaluated and
/// answered; nothing is recorded.
/// </summary>
public sealed record DeadlineWhatIf(
    string? CatalogueVersion,
    IReadOnlyList<AffectedCount>? AffectedCounts,
    IReadOnlyList<string>? DataCategories,
    string? Encryption,
    IReadOnlyList<string>? SectorFlags,
    bool? HighRisk,
    bool? RiskToIndividuals,
    bool? SignificantHarm);

public static class GetDeadlinesEndpoint
{
    [WolverineGet("/api/incidents/{id}/deadlines", OperationId = "GetDeadlines",
        Summary = "The incident's regulator deadlines now, ?asOf=<instant> or at ?version=N, each with its history; ?include=all adds rules that do not apply")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, string? asOf, long? version, string? include, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var (point, problem) = await Incidents.Reviewing.IncidentAsOf.ResolveAsync(session, id, asOf, version, ct);
        if (problem is not null)
        {
            return problem;
        }

        var events = point?.Version is { } v
            ? await session.Events.FetchStreamAsync(id, version: v, token: ct)
            : await session.Events.FetchStreamAsync(id, timestamp: point?.At, token: ct);
        if (events.Count == 0)
        {
            return point?.NotFound(id) ?? Problems.IncidentNotFound(id);
        }

        var view = DeadlineTimeline.Build(id, events, point?.At ?? now, EvaluationOptions.Default, CatalogueStore.Embedded);
        return Results.Ok(DeadlineViews.Filter(view, include));
    }
}

public static class WhatIfDeadlinesEndpoint
{
    public static ProblemDetails Validate(DeadlineWhatIf request)
    {
        var validation = new Validation();
        var known = CatalogueStore.Embedded.Versions.Select(v => v.Version).ToList();
        if (request.CatalogueVersion is not null && !known.Contains(request.CatalogueVersion))
        {
            validation.Add("catalogueVersion", $"'{request.CatalogueVersion}' is not one of: {string.Join(", ", known)}");
        }

        if (request.Encryption is not null)
        {
            validation.OneOf<EncryptionStatus>("encryption", request.Encryption);
        }

        validation.Within("dataCategories", request.DataCategories, Incidents.Vocabulary.DataCategories)
            .Within("sectorFlags", request.SectorFlags, RecordSectorFlags.Known);
        if (request.AffectedCounts is not null)
        {
            RecordAffectedCountsEndpoint.Counts(validation, request.AffectedCounts);
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/deadlines/what-if", OperationId = "WhatIfDeadlines",
        Summary = "Evaluate the incident against hypothetical facts or another catalogue version; records nothing")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Post(Guid id, DeadlineWhatIf request, string? include, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0)
        {
            return Problems.IncidentNotFound(id);
        }

        var view = DeadlineTimeline.Build(id, events, now, EvaluationOptions.Default, CatalogueStore.Embedded,
            facts => DeadlineViews.Hypothesis(facts, request), request.CatalogueVersion);
        return Results.Ok(DeadlineViews.Filter(view, include));
    }
}

public static class DeadlineViews
{
    // By default the timeline shows what a lead must act on: rules that apply or need a fact to decide.
    public static DeadlineTimelineView Filter(DeadlineTimelineView view, string? include) =>
        include == "all" ? view : view with { Obligations = [.. view.Obligations.Where(o => o.Applicability != "not-applicable")] };

    public static IncidentFacts Hypothesis(IncidentFacts facts, DeadlineWhatIf r)
    {
        ApiJson.TryParseWire<EncryptionStatus>(r.Encryption, out var encryption);
        return facts with
        {
            AffectedByJurisdiction = r.AffectedCounts?.ToDictionary(c => c.Residence, c => c.Count) ?? facts.AffectedByJurisdiction,
            DataCategories = r.DataCategories?.ToHashSet() ?? facts.DataCategories,
            Encryption = r.Encryption is null ? facts.Encryption : encryption,
            SectorFlags = r.SectorFlags?.ToHashSet() ?? facts.SectorFlags,
            Risk = facts.Risk with
            {
                HighRisk = r.HighRisk ?? facts.Risk.HighRisk,
                RiskToIndividuals = r.RiskToIndividuals ?? facts.Risk.RiskToIndividuals,
                SignificantHarm = r.SignificantHarm ?? facts.Risk.SignificantHarm,
            },
        };
    }
}
