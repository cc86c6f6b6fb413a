using CaseManagement.Audit.Reports;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Readiness.Library;
using CaseManagement.Readiness.Reviews;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CaseManagement.Readiness.Exercises.Reporting;

/// <summary>
/// Someone exported an exercise's report: like an incident's audit report export (ADR 14), the read is part of the record. The
/// actor is in the event's metadata; the roles are kept here because metadata names who, not in which capacity.
/// </summary>
/// <param name="AsOf">The exercise instant the report shows.</param>
/// <param name="AsOfVersion">The exercise stream's version the report shows.</param>
/// <param name="Sha256">Hex SHA-256 of the bytes served, so a filed copy can be matched to this export.</param>
public sealed record ExerciseReportExported(Guid ExerciseId, string Format, DateTimeOffset AsOf, long AsOfVersion, IReadOnlyList<string> Roles, string Sha256);

/// <summary>The exercise's access log, in the organisation's tenant beside the exercise: its id derives from the exercise's.</summary>
public static class ExerciseStreams
{
    public static Guid AccessLog(Guid exerciseId) => IncidentStreams.Derived($"exercise/{exerciseId:N}/access-log");
}

/// <summary>
/// The exercise report in JSON, CSV (its timeline), HTML or PDF, as of any exercise instant (ADR 24). Built from the exercise's
/// stream and its incident's whole record in the exercise's tenant; every export is recorded on the exercise's access log before
/// it is served.
/// </summary>
public static class GetExerciseReportEndpoint
{
    [WolverineGet("/api/exercises/{id}/report", OperationId = "GetExerciseReport",
        Summary = "The exercise's testing record (?format=json|csv|html|pdf, ?asOf=<exercise instant>): participants and roles, injects and responses with " +
                  "their exercise and recording times, decisions against the scenario's expectations, milestones against targets, gaps, the review's findings " +
                  "and actions; the export is recorded on the exercise's access log")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get([ReadAggregate] Exercise exercise, string? format, string? asOf, HttpContext http, IDocumentSession session,
        IDocumentStore store, ReportExports exports, IOptions<JsonOptions> json, DateTimeOffset now, CancellationToken ct)
    {
        var exerciseNow = exercise.Clock.CaseTimeAt(now);
        if (ReportExports.Read(format, Enum.GetValues<ReportFormat>(), [("asOf", asOf)], (validation, instants) =>
                {
                    if (!instants.TryGetValue("asOf", out var at))
                    {
                        return;
                    }

                    if (at > exerciseNow)
                    {
                        validation.Add("asOf", $"is later than the exercise clock ({exerciseNow.UtcDateTime:O}); a report shows what was recorded by an instant that has passed");
                    }
                    else if (at < exercise.StartsAt)
                    {
                        validation.Add("asOf", $"is before the exercise started ({exercise.StartsAt.UtcDateTime:O} exercise time)");
                    }
                },
                out var chosen, out var instants) is { } invalid)
        {
            return invalid;
        }

        if (exports.Unsupported(chosen) is { } unsupported)
        {
            return unsupported;
        }

        var at = instants.TryGetValue("asOf", out var stated) ? stated : exerciseNow;
        bool By(IEvent e) => exercise.Clock.CaseTimeAt(e.Timestamp) <= at;
        // The start belongs to every report: a running clock has moved on by the time the start is committed.
        var exerciseEvents = (await session.Events.FetchStreamAsync(exercise.Id, token: ct))
            .Where(e => e.Data is ExerciseStarted or ExerciseClockSet { Change: ClockChange.Started } || By(e)).ToList();
        var then = await session.Events.AggregateStreamAsync<Exercise>(exercise.Id, exerciseEvents[^1].Version, token: ct) ?? exercise;
        var scenario = (await ProcedureLibrary.ScenariosAsync(session, ct)).Find(exercise.Scenario, exercise.ScenarioVersion)
                       ?? throw new InvalidOperationException($"Scenario {exercise.Scenario} v{exercise.ScenarioVersion} of exercise {exercise.Id} is no longer published.");

        await using var inside = store.QuerySession(exercise.Tenant);
        var record = await IncidentRecord.LoadAsync(inside, exercise.IncidentId, (DateTimeOffset?)null, ct) is { } whole
                     && whole.Events.Where(By).ToList() is { } kept && kept.Any(e => e.StreamId == whole.IncidentId)
            ? new IncidentRecord(whole.IncidentId, whole.Streams, kept)
            : null;
        var reviewId = ReviewStreams.For(exercise.IncidentId);
        var review = record?.Events.LastOrDefault(e => e.StreamId == reviewId) is { } last
            ? await inside.Events.AggregateStreamAsync<Review>(reviewId, last.Version, token: ct)
            : null;

        var reader = ReportReader.Of(http);
        var options = json.Value.SerializerOptions;
        var report = await ExerciseReport.BuildAsync(new ExerciseReportInput(then, exercise.Clock, scenario, exerciseEvents, record, review, at, now, reader.Actor,
            e => ExerciseReport.DataOf(e, options)), ct);
        RenderedReport rendered;
        try
        {
            rendered = await exports.RenderAsync(chosen, report, ExerciseReportDocuments.Csv, ExerciseReportDocuments.Html, ct);
        }
        catch (PdfRenderingFailed failure)
        {
            return ReportExports.PdfFailed(failure);
        }

        // Committed by Wolverine before the answer is written: no export leaves the service unrecorded.
        session.Events.Append(ExerciseStreams.AccessLog(exercise.Id),
            new ExerciseReportExported(exercise.Id, ApiJson.WireName(chosen), at, then.Version, reader.Roles, rendered.Sha256));
        return ReportExports.Serve(http, rendered, $"exercise-{exercise.Id}-report-{ReportExports.Stamp(at)}");
    }
}

/// <summary>Its own class: a read beside the report, listing who exported it.</summary>
public static class GetExerciseReportExportsEndpoint
{
    [WolverineGet("/api/exercises/{id}/report/exports", OperationId = "GetExerciseReportExports",
        Summary = "The exercise's access log: every export of its report, by whom, when, in which format, as of which exercise instant")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<List<TimelineEntry>> Get([ReadAggregate] Exercise exercise, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ExerciseStreams.AccessLog(exercise.Id), token: ct);
        return [.. events.Select(e => AuditTimeline.Entry(e, "exercise-access-log", null, null))];
    }
}
