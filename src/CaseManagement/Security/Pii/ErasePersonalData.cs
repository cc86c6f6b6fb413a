using Marten;

namespace CaseManagement.Security.Pii;

/// <summary>
/// The record of an erasure (GDPR Art. 17): who, when, why, which subject (a keyed hash, never the
/// email). Each erasure is its own stream; the incident streams that hold the person's ciphertext stay
/// untouched and verifiable.
/// </summary>
public sealed record PersonalDataErased(Guid ErasureId, string SubjectId, bool KeyExisted, string Reason);

public sealed record ErasePersonalData(string? Email, string? Reason);

public sealed record PersonalDataErasure(Guid Id, string SubjectId, bool KeyExisted, DateTimeOffset ErasedAt);

public static class ErasePersonalDataEndpoint
{
    public static ProblemDetails Validate(ErasePersonalData request) => new Validation()
        .Required("email", request.Email, 320)
        .Required("reason", request.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/privacy/erasures", OperationId = nameof(ErasePersonalData),
        Summary = "Crypto-shred a shopper's personal data: their key is destroyed, events stay intact")]
    [Authorize(Policies.ErasePersonalData), Tags("Privacy")]
    public static async Task<(PersonalDataErasure, IStartStream)> Post(ErasePersonalData request, IDocumentSession session, PiiVault vault, MasterKeyRing ring,
        DateTimeOffset now, CancellationToken ct)
    {
        var subject = ring.SubjectIdForEmail(request.Email!);
        var existed = await session.LoadAsync<DataSubjectKey>(subject, ct) is not null;
        vault.Shred(session, subject);
        var id = Guid.CreateVersion7(now);
        return (new PersonalDataErasure(id, subject, existed, now), MartenOps.StartStream<PersonalDataErasure>(id, new PersonalDataErased(id, subject, existed, request.Reason!.Trim())));
    }
}
