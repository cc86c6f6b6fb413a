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

        // Now: the projected history, without reading the stream; at a point: the stream up to it, and the history cut there.
        if (point is null)
        {
            return await DeadlineHistory.NowAsync(session, id, ct) is { } history
                ? Results.Ok(DeadlineViews.Filter(DeadlineTimeline.Build(id, history, now, EvaluationOptions.Default, CatalogueStore.Embedded), include))
                : Problems.IncidentNotFound(id);
        }

        var events = point.Version is { } v
            ? await session.Events.FetchStreamAsync(id, version: v, token: ct)
            : await session.Events.FetchStreamAsync(id, timestamp: point.At, token: ct);
        if (events.Count == 0)
        {
            return point.NotFound(id);
        }

        var view = DeadlineTimeline.Build(id, await DeadlineHistory.AtAsync(session, id, events, ct), point.At, EvaluationOptions.Default,
            CatalogueStore.Embedded);
        return Results.Ok(DeadlineViews.Filter(view, include));
    }
}

/// <summary>One duty's change between two evaluations, as the what-if and the catalogue move answer it.</summary>
public sealed record DutyChangeView(
    string RuleId,
    string Jurisdiction,
    string? ApplicabilityBefore,
    string? ApplicabilityAfter,
    DateTimeOffset? DueBefore,
    DateTimeOffset? DueAfter,
    string? StatusBefore,
    string? StatusAfter,
    string Summary)
{
    public static DutyChangeView Of(ObligationChange c) => new(c.RuleId, c.Jurisdiction, Word(c.Before?.Applicability), Word(c.After?.Applicability),
        c.Before?.DueAt, c.After?.DueAt, Word(c.Before?.Status), Word(c.After?.Status), c.Summary);

    private static string? Word<T>(T? value) where T : struct, Enum => value is { } v ? ApiJson.WireName(v) : null;
}

/// <summary>What a hypothesis changes against the incident as recorded: duties added, removed, moved, or newly (un)certain.</summary>
public sealed record DeadlineDifferenceView(
    string FromVersion,
    string ToVersion,
    IReadOnlyList<DutyChangeView> Added,
    IReadOnlyList<DutyChangeView> Removed,
    IReadOnlyList<DutyChangeView> Moved,
    IReadOnlyList<DutyChangeView> Redecided)
{
    public static DeadlineDifferenceView Of(EvaluationDiff diff) => new(diff.BeforeVersion, diff.AfterVersion, [.. diff.Added.Select(DutyChangeView.Of)],
        [.. diff.Removed.Select(DutyChangeView.Of)], [.. diff.Moved.Select(DutyChangeView.Of)], [.. diff.Redecided.Select(DutyChangeView.Of)]);
}

/// <summary>The incident's deadlines under the hypothesis, and the difference from the incident as recorded.</summary>
public sealed record DeadlineWhatIfView(
    Guid IncidentId,
    string CatalogueVersion,
    DateTimeOffset EvaluatedAt,
    long ComputedFromVersion,
    IReadOnlyList<string> FactProblems,
    IReadOnlyList<TimelineObligation> Obligations,
    DeadlineDifferenceView Difference);

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
            .Within("sectorFlags", request.SectorFlags, [.. SectorFlag.Known]);
        if (request.AffectedCounts is not null)
        {
            RecordAffectedCountsEndpoint.Counts(validation, request.AffectedCounts);
        }

        return validation.ToProblem();
    }

    /// <summary>
    /// Only what the request gives changes (issue 14, item 7): a count for one residence leaves the others as recorded. The
    /// answer is the timeline under the hypothesis and its difference from the incident as recorded.
    /// </summary>
    [WolverinePost("/api/incidents/{id}/deadlines/what-if", OperationId = "WhatIfDeadlines",
        Summary = "Evaluate the incident with some facts changed or against another catalogue version, and the difference; records nothing")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Post(Guid id, DeadlineWhatIf request, string? include, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0)
        {
            return Problems.IncidentNotFound(id);
        }

        var changes = DeadlineViews.Changes(request);
        var recorded = FactsState.From(events.Select(e => e.Data));
        var target = request.CatalogueVersion is { } version ? CatalogueStore.Embedded.Get(version) : recorded.CatalogueOf(CatalogueStore.Embedded);
        if (request.SectorFlags?.Except(SectorFlag.UsedBy(target)).ToList() is { Count: > 0 } unread)
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["sectorFlags"] = [$"{string.Join(", ", unread)}: read by no rule of catalogue {target.Version}; known: {string.Join(", ", SectorFlag.UsedBy(target))}"],
            });
        }

        var result = WhatIf.Evaluate(recorded.ToFacts(), changes, recorded.CatalogueOf(CatalogueStore.Embedded), target, EvaluationOptions.Default, now);
        var view = DeadlineViews.Filter(DeadlineTimeline.Build(id, events, now, EvaluationOptions.Default, CatalogueStore.Embedded,
            facts => WhatIf.Apply(facts, changes), request.CatalogueVersion), include);
        return Results.Ok(new DeadlineWhatIfView(view.IncidentId, view.CatalogueVersion, view.EvaluatedAt, view.ComputedFromVersion, view.FactProblems,
            view.Obligations, DeadlineDifferenceView.Of(result.Difference)));
    }
}

/// <summary>What moving the incident onto another catalogue version would change, for the lead to read before adopting it.</summary>
public sealed record CatalogueMoveView(
    string FromVersion,
    string ToVersion,
    DeadlineDifferenceView Difference,
    IReadOnlyList<RuleRevision> Revised,
    IReadOnlyList<FlagToRecordAgain> FlagsToRecordAgain);

public static class CatalogueMoveEndpoint
{
    [WolverineGet("/api/incidents/{id}/obligations/catalogue-move", OperationId = "DescribeCatalogueMove",
        Summary = "What moving the incident onto catalogue ?to=<version> would change: duties added, removed, moved, rules revised, flags to record again")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, string? to, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var known = CatalogueStore.Embedded.Versions.Select(v => v.Version).ToList();
        if (to is null || !known.Contains(to))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["to"] = [$"name the version to move to; one of: {string.Join(", ", known)}"] });
        }

        if (await session.LoadAsync<IncidentFactSheet>(id, ct) is not { } sheet)
        {
            return Problems.IncidentNotFound(id);
        }

        var move = CatalogueMove.Describe(sheet.State.ToFacts(), sheet.State.CatalogueOf(CatalogueStore.Embedded), CatalogueStore.Embedded.Get(to),
            EvaluationOptions.Default, now);
        return Results.Ok(new CatalogueMoveView(move.FromVersion, move.ToVersion, DeadlineDifferenceView.Of(move.Difference), move.Revised, move.FlagsToRecordAgain));
    }
}

public static class DeadlineViews
{
    // By default the timeline shows what a lead must act on: rules that apply or need a fact to decide.
    public static DeadlineTimelineView Filter(DeadlineTimelineView view, string? include) =>
        include == "all" ? view : view with { Obligations = [.. view.Obligations.Where(o => o.Applicability != "not-applicable")] };

    /// <summary>The request as changes: what it leaves out stays as recorded.</summary>
    public static FactChanges Changes(DeadlineWhatIf r)
    {
        ApiJson.TryParseWire<EncryptionStatus>(r.Encryption, out var encryption);
        return new FactChanges
        {
            AffectedCounts = r.AffectedCounts?.ToDictionary(c => c.Residence, c => c.Count),
            DataCategories = r.DataCategories?.ToHashSet(),
            Encryption = r.Encryption is null ? null : encryption,
            SectorFlags = r.SectorFlags?.ToHashSet(),
            HighRisk = r.HighRisk,
            RiskToIndividuals = r.RiskToIndividuals,
            SignificantHarm = r.SignificantHarm,
        };
    }
}
