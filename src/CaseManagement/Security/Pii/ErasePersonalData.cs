using CaseManagement.Containment.Evidence;
using CaseManagement.Incidents;
using CaseManagement.Scoping;
using Marten;

namespace CaseManagement.Security.Pii;

/// <summary>
/// The record of an erasure (GDPR Art. 17): who, when, why, which subject (a keyed hash, never the
/// email). Each erasure is its own stream; the incident streams that hold the person's ciphertext stay
/// untouched and verifiable.
/// </summary>
public sealed record PersonalDataErased(Guid ErasureId, string SubjectId, bool KeyExisted, string Reason);

/// <summary>
/// An erasure was refused because the person is named in incidents whose evidence is under legal hold (ADR 22, GDPR Art. 17(3)(e)):
/// their key is kept until every hold in <paramref name="HeldIncidents"/> is lifted; the request can then be made again.
/// </summary>
public sealed record PersonalDataErasureRefused(Guid ErasureId, string SubjectId, string Reason, IReadOnlyList<Guid> HeldIncidents);

/// <summary>The legal holds on evidence of incidents that name the person (as reporter or affected person), loaded before the decision.</summary>
public sealed record HoldsOnSubject(string SubjectId, IReadOnlyList<EvidenceHold> Holds);

public sealed record ErasePersonalData(string? Email, string? Reason);

public sealed record PersonalDataErasure(Guid Id, string SubjectId, bool KeyExisted, DateTimeOffset ErasedAt);

public static class ErasePersonalDataEndpoint
{
    public static ProblemDetails Validate(ErasePersonalData request) => new Validation()
        .Required("email", request.Email, 320)
        .Required("reason", request.Reason, 4000)
        .ToProblem();

    public static async Task<HoldsOnSubject> LoadAsync(ErasePersonalData request, IQuerySession session, MasterKeyRing ring, CancellationToken ct)
    {
        if (request.Email is null)
        {
            return new HoldsOnSubject("", []);
        }

        var subject = ring.SubjectIdForEmail(request.Email);
        var incidents = (await session.Query<AffectedPersonRecord>().Where(p => p.SubjectId == subject).Select(p => p.IncidentId).ToListAsync(ct))
            .Concat(await session.Query<Incident>().Where(i => i.ReporterSubjectId == subject).Select(i => i.Id).ToListAsync(ct))
            .Distinct().ToArray();
        var holds = incidents.Length == 0 ? [] : await session.Query<EvidenceHold>().Where(h => h.Active && h.IncidentId.IsOneOf(incidents)).ToListAsync(ct);
        return new HoldsOnSubject(subject, [.. holds.OrderBy(h => h.PlacedAt)]);
    }

    /// <remarks>
    /// Refused while evidence of an incident that names the person is under legal hold (ADR 22): the refusal is recorded on an
    /// erasure stream of its own, and the answer names every hold so the organisation can tell the person why (Art. 12(4)).
    /// </remarks>
    [WolverinePost("/api/privacy/erasures", OperationId = nameof(ErasePersonalData),
        Summary = "Crypto-shred a shopper's personal data: their key is destroyed, events stay intact; refused while a legal hold keeps evidence naming them")]
    [Authorize(Policies.ErasePersonalData), Tags("Privacy")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<PersonalDataErasure>(StatusCodes.Status200OK)]
    public static async Task<(IResult, IStartStream)> Post(ErasePersonalData request, HoldsOnSubject held, IDocumentSession session, PiiVault vault,
        DateTimeOffset now, CancellationToken ct)
    {
        var subject = held.SubjectId;
        var reason = request.Reason!.Trim();
        var id = Guid.CreateVersion7(now);
        if (held.Holds.Count > 0)
        {
            return (Results.Problem(title: "Erasure refused: evidence under legal hold",
                    detail: $"The person is named in {held.Holds.Count} incident(s) whose evidence is under legal hold, so their key is kept " +
                            $"(GDPR Art. 17(3)(e)): {string.Join("; ", held.Holds.Select(h => h.Describe()))}. The refusal is recorded as erasure {id}; " +
                            "ask again once the holds are lifted.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["erasureId"] = id, ["holds"] = held.Holds }),
                MartenOps.StartStream<PersonalDataErasure>(id, new PersonalDataErasureRefused(id, subject, reason, [.. held.Holds.Select(h => h.IncidentId)])));
        }

        var existed = await session.LoadAsync<DataSubjectKey>(subject, ct) is not null;
        vault.Shred(session, subject);
        return (Results.Ok(new PersonalDataErasure(id, subject, existed, now)), MartenOps.StartStream<PersonalDataErasure>(id, new PersonalDataErased(id, subject, existed, reason)));
    }
}
