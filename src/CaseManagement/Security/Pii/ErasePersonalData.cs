using CaseManagement.Api;
using Marten;

namespace CaseManagement.Security.Pii;

/// <summary>
/// The record of an erasure (GDPR Art. 17): who, when, why, which subject (a keyed hash, never the
/// email). Each erasure is its own stream; the incident streams that hold the person's ciphertext stay
/// untouched and verifiable.
/// </summary>
public sealed record PersonalDataErased(Guid ErasureId, string SubjectId, bool KeyExisted, string Reason);

public sealed record ErasePersonalData(string? Email, string? Reason)
{
    public Validation Validate() => new Validation()
        .Required("email", Email, 320)
        .Required("reason", Reason, 4000);
}

public sealed record PersonalDataErasure(Guid Id, string SubjectId, bool KeyExisted, DateTimeOffset ErasedAt);

public static class ErasePersonalDataEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/privacy/erasures", async (ErasePersonalData request, HttpContext http, IDocumentSession session, PiiVault vault,
                MasterKeyRing ring, TimeProvider clock, CancellationToken ct) =>
            {
                if (request.Validate() is { IsValid: false } invalid)
                {
                    return Problems.Invalid(invalid.Errors);
                }

                var subject = ring.SubjectIdForEmail(request.Email!);
                var existed = await session.LoadAsync<DataSubjectKey>(subject, ct) is not null;
                vault.Shred(session, subject);
                var id = Guid.CreateVersion7(clock.GetUtcNow());
                session.Events.StartStream(id, new PersonalDataErased(id, subject, existed, request.Reason!.Trim()));
                session.LastModifiedBy = CaseManagementClaims.ActorOf(http.User);
                await session.SaveChangesAsync(ct);
                return Results.Ok(new PersonalDataErasure(id, subject, existed, clock.GetUtcNow()));
            })
            .WithName("ErasePersonalData")
            .WithSummary("Crypto-shred a shopper's personal data: their key is destroyed, events stay intact")
            .RequireAuthorization(Policies.ErasePersonalData)
            .WithTags("Privacy")
            .Produces<PersonalDataErasure>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
