using System.Security.Cryptography;

namespace CaseManagement.Shops.Evidence;

/// <summary>
/// One file of a bundle after <see cref="EvidenceSealing.SealFileAsync"/>: its state as checked against the recorded hash, and
/// the SHA-256 of the bytes stored before and after (the plaintext file before, the ciphertext after).
/// </summary>
public sealed record SealedFile(string Name, EvidenceFileState State, string? StoredSha256Before, string? StoredSha256After);

/// <summary>
/// Encrypts the files of a bundle written before evidence was encrypted at rest (ADR 22), in place, one file at a time: the
/// plaintext is checked against its recorded hash, sealed into a file beside it, the sealed file is decrypted and checked against
/// the same hash, and only then does it replace the plaintext (an atomic rename), so no moment leaves a file neither readable
/// nor verified. A file already sealed by an interrupted earlier attempt is checked and kept.
/// </summary>
public static class EvidenceSealing
{
    private const string Partial = ".sealing";

    public static async Task<SealedFile> SealFileAsync(string directory, string name, string expectedSha256, byte[] key, CancellationToken ct = default)
    {
        var path = Path.Combine(directory, Path.GetFileName(name));
        if (!File.Exists(path))
        {
            return new SealedFile(name, EvidenceFileState.Missing, null, null);
        }

        if (EvidenceCipher.IsSealed(path))
        {
            return await EvidenceDump.CheckFileAsync(directory, name, expectedSha256, key, ct) is { State: EvidenceFileState.Ok }
                ? new SealedFile(name, EvidenceFileState.Ok, expectedSha256, await Sha256Async(path, ct))
                : new SealedFile(name, EvidenceFileState.Mismatch, null, null);
        }

        var before = await Sha256Async(path, ct);
        if (!string.Equals(before, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            return new SealedFile(name, EvidenceFileState.Mismatch, before, null);
        }

        var partial = path + Partial;
        try
        {
            await using (var plain = File.OpenRead(path))
            await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var seal = EvidenceCipher.Seal(target, key, Path.GetFileName(path)))
                {
                    await plain.CopyToAsync(seal, ct);
                    seal.Finish();
                }

                target.Flush(flushToDisk: true);
            }

            // The cipher binds the file's name, so the check reads the sealed bytes under the name they will have.
            await using (var check = EvidenceCipher.Open(File.OpenRead(partial), key, Path.GetFileName(path)))
            {
                var roundTrip = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, ct));
                if (!string.Equals(roundTrip, expectedSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new IOException($"'{name}' did not decrypt to its recorded SHA-256 after sealing; the plaintext is kept.");
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return new SealedFile(name, EvidenceFileState.Ok, before, await Sha256Async(path, ct));
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
