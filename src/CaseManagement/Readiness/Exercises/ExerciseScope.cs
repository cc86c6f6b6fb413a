using CaseManagement.Api.Conventions;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;

namespace CaseManagement.Readiness.Exercises;

/// <summary>
/// What a request may do inside an exercise (<see cref="ExerciseTenants.Header"/>, ADR 24), decided per route when the
/// endpoints are built and checked before anything else: the work on the exercise's incident (its commands and reads,
/// its campaigns, templates, deadlines and chain) is allowed while the exercise runs; after it ended, only reads and its post-incident
/// review. Organisation-wide routes (administration, the feed, exercises, metrics, shop
/// registration, opening an incident) refuse the header, so a request can never fall through to the real record
/// believing it acts in an exercise. A malformed header or an exercise the organisation does not have is refused too.
/// </summary>
public sealed class ExerciseScope : IHttpPolicy
{
    /// <summary>The post-incident review: what an exercise is for, so it goes on after the exercise ended.</summary>
    private static readonly string[] AfterTheEnd = ["/api/incidents/{id}/review", "/api/reviews"];

    /// <summary>Routes that are an incident's work, by prefix, and the methods they may use inside an exercise.</summary>
    private static readonly (string Prefix, bool Writes)[] IncidentWork =
    [
        ("/api/incidents/{", true), ("/api/reviews", true), ("/api/incidents", false), ("/api/campaigns", true), ("/api/notice-templates", true), ("/api/deadlines", false),
        ("/api/obligations", false), ("/api/playbooks", false), ("/api/shops", false), ("/api/chain", true),
        // The exercise's own on-call roster (ADR 32): its escalations page the people set here, never the organisation's.
        ("/api/on-call", true),
    ];

    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RoutePattern?.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true))
        {
            var check = !Allows(chain) ? nameof(Refuse)
                : AfterTheEnd.Any(p => chain.RoutePattern!.RawText!.StartsWith(p, StringComparison.Ordinal)) ? nameof(CheckReviewAsync) : nameof(CheckAsync);
            chain.Middleware.Insert(0, new MethodCall(typeof(ExerciseScope), check));
        }
    }

    private static bool Allows(HttpChain chain)
    {
        var route = chain.RoutePattern!.RawText!;
        var reads = chain.HttpMethods.All(m => m == HttpMethods.Get);
        return IncidentWork.Any(w => route.StartsWith(w.Prefix, StringComparison.Ordinal) && (w.Writes || reads));
    }

    /// <summary>Organisation-wide routes: answered without the header only.</summary>
    public static ProblemDetails Refuse(HttpContext http) => http.Request.Headers.ContainsKey(ExerciseTenants.Header)
        ? Problems.BadRequestDetails(
            $"{ExerciseTenants.Header} applies to the work on an exercise's incident; {http.Request.Method} {http.Request.Path} concerns the organisation itself. Send it without the header.")
        : WolverineContinue.NoProblems;

    /// <summary>An incident's work: inside an exercise only while it runs (reads also after it ended).</summary>
    public static Task<ProblemDetails> CheckAsync(HttpContext http, IDocumentStore store, CancellationToken ct) => CheckInExerciseAsync(http, store, afterTheEnd: false, ct);

    /// <summary>The review of an exercise's incident: inside an exercise, also after it ended.</summary>
    public static Task<ProblemDetails> CheckReviewAsync(HttpContext http, IDocumentStore store, CancellationToken ct) => CheckInExerciseAsync(http, store, afterTheEnd: true, ct);

    private static async Task<ProblemDetails> CheckInExerciseAsync(HttpContext http, IDocumentStore store, bool afterTheEnd, CancellationToken ct)
    {
        if (!ExerciseTenants.TryReadHeader(http, out var exerciseId))
        {
            return Problems.BadRequestDetails($"{ExerciseTenants.Header} must be one exercise id, e.g. {ExerciseTenants.Header}: 0192f0c4-6e2b-7a51-9c1e-3f2a1b4c5d6e.");
        }

        if (exerciseId is not { } id)
        {
            return WolverineContinue.NoProblems;
        }

        var organisation = CaseManagementClaims.OrganisationOf(http.User)!;
        await using var session = store.QuerySession(organisation);
        if (await session.LoadAsync<Exercise>(id, ct) is not { } exercise)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "Exercise not found",
                Detail = $"Your organisation has no exercise {id}; GET /api/exercises lists them.",
            };
        }

        var writes = !HttpMethods.IsGet(http.Request.Method) && !afterTheEnd;
        return exercise.Status == ExerciseStatus.Ended && writes
            ? new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "The exercise has ended",
                Detail = $"Exercise {id} ended {(exercise.Outcome is { } outcome ? ApiJson.WireName(outcome) : "")} at {exercise.EndedAt:O}; its record is read-only.",
            }
            : WolverineContinue.NoProblems;
    }
}
