using CaseManagement.Security.Pii;
using CaseManagement.Shops.Evidence;
using Marten;

namespace CaseManagement.Containment.Evidence;

/// <summary>Why a plaintext evidence item is encrypted now (for example "issue 15: personal data at rest").</summary>
public sealed record EncryptEvidence(string? Reason);

/// <summary>
/// Encrypts an evidence item written before evidence was encrypted at rest (ADR 22, amendment): under a data key of the item's
/// own, each file checked against its recorded plaintext hash before and after sealing, its plaintext removed only once the
/// sealed copy decrypts to that hash. Idempotent: an item already encrypted answers as it is and records nothing; an attempt
/// interrupted half-way is finished by the next one. A legal hold does not refuse it: the content and its hashes stay as
/// collected, only how the bytes are stored changes. A file that no longer matches its recorded hash is not encrypted (409), and
/// the failed check joins the item's chain of custody.
/// </summary>
public static class EncryptEvidenceEndpoint
{
    public static ProblemDetails Validate(EncryptEvidence command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    /// <summary>The item must be the incident's and not destroyed, as for a verification.</summary>
    public static ProblemDetails Validate(Guid id, EvidenceItem item) => VerifyEvidenceEndpoint.Validate(id, item);

    [WolverinePost("/api/incidents/{id}/evidence/{evidenceId}/encrypt", OperationId = nameof(EncryptEvidence),
        Summary = "Encrypt at rest an evidence item stored as plaintext before evidence was encrypted; its recorded hashes stay the ones checked")]
    [Authorize(Policies.Administer)]
    public static async Task<(IResult, Events)> Post(Guid id, EncryptEvidence command, [WriteAggregate("evidenceId")] EvidenceItem item, EvidenceLocker locker,
        PiiVault vault, IDocumentSession session, CancellationToken ct)
    {
        if (item.Encryption is not null)
        {
            return (Results.Ok(item), []);
        }

        // Plaintext items predate both encryption and the database store (ADR 36), so they are always folders.
        var folder = Path.Combine(locker.Root, EvidenceLocker.RelativeName(session.TenantId, id, item.Id));
        // Committed in a transaction of its own before any file is sealed under it: a crash never leaves a file under a lost key.
        var key = await vault.DataKeyAsync(session, EvidenceKeys.Subject(item.Id), ct);
        try
        {
            var files = new List<EncryptedEvidenceFile>();
            foreach (var file in item.Files)
            {
                var result = await EvidenceSealing.SealFileAsync(folder, file.Name, file.Sha256, key, ct);
                if (result.State != EvidenceFileState.Ok)
                {
                    return (Results.Problem(title: "Evidence file failed its integrity check",
                            detail: $"'{file.Name}' is {(result.State == EvidenceFileState.Missing ? "missing" : "changed: it no longer yields the SHA-256 recorded when it was collected")}; " +
                                    "it is not encrypted (that would vouch for bytes nobody collected). The failed check is recorded in its chain of custody.",
                            statusCode: StatusCodes.Status409Conflict),
                        [new EvidenceVerified(id, item.Id, false, [new EvidenceCheck(file.Name, result.State)])]);
                }

                files.Add(new EncryptedEvidenceFile(file.Name, file.Sha256, result.StoredSha256Before!, result.StoredSha256After!));
            }

            var encrypted = new EvidenceEncryptedAtRest(id, item.Id, EvidenceCipher.Format, command.Reason!.Trim(), files);
            return (Results.Ok(encrypted), [encrypted]);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }
}
