using CaseManagement.Api;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using CaseManagement.Security;
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

public static class DeadlineEndpoints
{
    public static void MapDeadlineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id:guid}/deadlines", async (Guid id, string? asOf, string? include, IQuerySession session,
                TimeProvider clock, CancellationToken ct) =>
            {
                DateTimeOffset? at = null;
                if (asOf is not null)
                {
                    if (!StrictInstantConverter.TryParse(asOf, out var parsed))
                    {
                        return Problems.InvalidInstantQuery("asOf", asOf);
                    }

                    at = parsed;
                }

                var events = await session.Events.FetchStreamAsync(id, timestamp: at, token: ct);
                if (events.Count == 0)
                {
                    return at is null ? Problems.IncidentNotFound(id) : Problems.IncidentNotFoundAt(id, at.Value);
                }

                var view = DeadlineTimeline.Build(id, events, at ?? clock.GetUtcNow(), EvaluationOptions.Default, CatalogueStore.Embedded);
                return Results.Ok(Filter(view, include));
            })
            .WithName("GetDeadlines")
            .WithSummary("The incident's regulator deadlines now or ?asOf=<instant>, each with its history; ?include=all adds rules that do not apply")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<DeadlineTimelineView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/incidents/{id:guid}/deadlines/what-if", async (Guid id, DeadlineWhatIf request, string? include, IQuerySession session,
                TimeProvider clock, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                if (Validate(request, now) is { IsValid: false } invalid)
                {
                    return Problems.Invalid(invalid.Errors);
                }

                var events = await session.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0)
                {
                    return Problems.IncidentNotFound(id);
                }

                var view = DeadlineTimeline.Build(id, events, now, EvaluationOptions.Default, CatalogueStore.Embedded,
                    facts => Hypothesis(facts, request), request.CatalogueVersion);
                return Results.Ok(Filter(view, include));
            })
            .WithName("WhatIfDeadlines")
            .WithSummary("Evaluate the incident against hypothetical facts or another catalogue version; records nothing")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<DeadlineTimelineView>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    // By default the timeline shows what a lead must act on: rules that apply or need a fact to decide.
    private static DeadlineTimelineView Filter(DeadlineTimelineView view, string? include) =>
        include == "all" ? view : view with { Obligations = [.. view.Obligations.Where(o => o.Applicability != "not-applicable")] };

    private static Validation Validate(DeadlineWhatIf r, DateTimeOffset now)
    {
        var validation = new Validation();
        var known = CatalogueStore.Embedded.Versions.Select(v => v.Version).ToList();
        if (r.CatalogueVersion is not null && !known.Contains(r.CatalogueVersion))
        {
            validation.Add("catalogueVersion", $"'{r.CatalogueVersion}' is not one of: {string.Join(", ", known)}");
        }

        if (r.Encryption is not null)
        {
            validation.OneOf<EncryptionStatus>("encryption", r.Encryption);
        }

        validation.Within("dataCategories", r.DataCategories, Incidents.Vocabulary.DataCategories)
            .Within("sectorFlags", r.SectorFlags, RecordSectorFlags.Known);
        if (r.AffectedCounts is not null)
        {
            new RecordAffectedCounts(r.AffectedCounts, "what-if", null).Validate(validation, now);
        }

        return validation;
    }

    private static IncidentFacts Hypothesis(IncidentFacts facts, DeadlineWhatIf r)
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
