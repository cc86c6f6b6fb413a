using System.Globalization;
using System.IO.Compression;
using System.Text;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Evidence;

/// <summary>How far a dump is: rows written of the current table, and tables finished of all.</summary>
public sealed record EvidenceProgress(string Table, long Rows, int TablesDone, int Tables);

/// <summary>
/// Preserves shop tables as an evidence bundle before anything on the shop changes, and checks a bundle later.
/// The service writes the SQL itself (mysqldump may be absent where it runs); see <see cref="EvidenceBundle"/>.
/// </summary>
public static class EvidenceDump
{
    public const string ManifestName = "manifest.json";

    /// <summary>Writes the bundle into the folder <paramref name="directory"/>, which must not exist or be empty (see the overload for any location).</summary>
    public static Task<EvidenceBundle> WriteAsync(ShopConnectionSettings shop, EvidenceScope scope, string directory,
        IProgress<EvidenceProgress>? progress = null, TimeSpan? statementTimeout = null, byte[]? key = null, CancellationToken ct = default) =>
        WriteAsync(shop, scope, new EvidenceFolder(directory), progress, statementTimeout, key, ct);

    /// <summary>
    /// Writes the bundle into <paramref name="target"/>, which must hold none yet. Nothing appears there unless the whole
    /// bundle was written: a failure or cancellation leaves no files behind.
    /// </summary>
    /// <param name="progress">Reported on the dumping task itself: at the start of each table, every 10,000 rows and at its end.</param>
    /// <param name="key">The item's data key: every file is stored encrypted under it (<see cref="EvidenceCipher"/>); hashes and
    /// sizes stay those of the plaintext. Without one the files are stored as they are (tests of the dump itself).</param>
    /// <exception cref="ShopScopingException">A named table does not exist, or the shop refused a read; the message is safe to show.</exception>
    /// <exception cref="IOException">The location already holds a bundle.</exception>
    public static async Task<EvidenceBundle> WriteAsync(ShopConnectionSettings shop, EvidenceScope scope, IEvidenceLocation target,
        IProgress<EvidenceProgress>? progress = null, TimeSpan? statementTimeout = null, byte[]? key = null, CancellationToken ct = default)
    {
        if (scope.Tables is { Count: 0 })
        {
            throw new ArgumentException("Name at least one table, or preserve the whole shop.", nameof(scope));
        }

        await using var staging = await target.StageAsync(ct);
        var bundle = await WriteIntoAsync(shop, scope, staging, progress, statementTimeout, key, ct);
        await staging.PublishAsync(ct);
        return bundle with { Directory = target.Name };
    }

    /// <inheritdoc cref="VerifyAsync(IEvidenceLocation, string?, byte[]?, CancellationToken)"/>
    public static Task<IReadOnlyList<EvidenceCheck>> VerifyAsync(string directory, string? manifestSha256 = null, byte[]? key = null, CancellationToken ct = default) =>
        VerifyAsync(new EvidenceFolder(directory), manifestSha256, key, ct);

    /// <summary>
    /// Recomputes every file's SHA-256 from what is stored and compares it with the manifest. Give the manifest's own hash (as
    /// recorded with the case when the bundle was written) to check the manifest too; it comes first in the result.
    /// </summary>
    /// <exception cref="InvalidDataException">The manifest is not one this service writes.</exception>
    public static async Task<IReadOnlyList<EvidenceCheck>> VerifyAsync(IEvidenceLocation location, string? manifestSha256 = null, byte[]? key = null,
        CancellationToken ct = default)
    {
        var checks = new List<EvidenceCheck>();
        if (manifestSha256 is not null)
        {
            checks.Add(await CheckFileAsync(location, ManifestName, manifestSha256, key, ct));
        }

        EvidenceManifest? manifest;
        try
        {
            manifest = await EvidenceManifest.ReadAsync(location, key, ct);
        }
        catch (EvidenceUnreadableException)
        {
            // An altered manifest names no files that could be trusted; it is the finding.
            return manifestSha256 is null ? [new EvidenceCheck(ManifestName, EvidenceFileState.Mismatch)] : checks;
        }

        if (manifest is null)
        {
            return [new EvidenceCheck(ManifestName, EvidenceFileState.Missing)];
        }

        foreach (var file in manifest.Files)
        {
            checks.Add(await CheckFileAsync(location, file.Name, file.Sha256, key, ct));
        }

        return checks;
    }

    /// <inheritdoc cref="ReadAsync(IEvidenceLocation, byte[]?, CancellationToken)"/>
    public static Task<EvidenceBundle?> ReadAsync(string directory, byte[]? key = null, CancellationToken ct = default) => ReadAsync(new EvidenceFolder(directory), key, ct);

    /// <summary>
    /// The bundle already written to <paramref name="location"/>, read back from its manifest (with the manifest's own hash
    /// as it is now), or null when there is none: a step redelivered after its bundle was written finds it here.
    /// </summary>
    /// <exception cref="InvalidDataException">The manifest is not one this service writes.</exception>
    public static async Task<EvidenceBundle?> ReadAsync(IEvidenceLocation location, byte[]? key = null, CancellationToken ct = default)
    {
        if (await EvidenceManifest.ReadAsync(location, key, ct) is not { } manifest)
        {
            return null;
        }

        await using var file = await OpenFileAsync(location, ManifestName, key, ct);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy.ToArray()));
        return new EvidenceBundle(location.Name, [.. manifest.Files, new EvidenceFile(ManifestName, copy.Length, sha256, null, null)],
            manifest.SnapshotAt, manifest.ServerVersion);
    }

    /// <inheritdoc cref="CheckFileAsync(IEvidenceLocation, string, string, byte[]?, CancellationToken)"/>
    public static Task<EvidenceCheck> CheckFileAsync(string directory, string name, string expectedSha256, byte[]? key = null, CancellationToken ct = default) =>
        CheckFileAsync(new EvidenceFolder(directory), name, expectedSha256, key, ct);

    /// <summary>Hashes one stored file's plaintext again and compares it with the hash recorded for it; a file that does not decrypt is a mismatch.</summary>
    public static async Task<EvidenceCheck> CheckFileAsync(IEvidenceLocation location, string name, string expectedSha256, byte[]? key = null, CancellationToken ct = default)
    {
        string actual;
        try
        {
            await using var file = await OpenPlaintextAsync(location, name, key, ct);
            if (file is null)
            {
                return new EvidenceCheck(name, EvidenceFileState.Missing);
            }

            actual = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, ct));
        }
        catch (EvidenceUnreadableException)
        {
            // Altered ciphertext never yields plaintext to hash: the bytes recorded are not what is stored.
            return new EvidenceCheck(name, EvidenceFileState.Mismatch);
        }

        return new EvidenceCheck(name, string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase) ? EvidenceFileState.Ok : EvidenceFileState.Mismatch);
    }

    /// <summary>
    /// One stored file's plaintext, as a stream (decrypted chunk by chunk with <paramref name="key"/>); reading throws
    /// <see cref="EvidenceUnreadableException"/> should the stored bytes be altered meanwhile.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is not there (any more).</exception>
    public static async Task<Stream> OpenFileAsync(IEvidenceLocation location, string name, byte[]? key, CancellationToken ct = default) =>
        await OpenPlaintextAsync(location, name, key, ct) ?? throw new FileNotFoundException($"{location.Name} holds no file '{name}'.", name);

    /// <summary>The file's plaintext: decrypted with <paramref name="key"/>, or as stored when there is none (bundles written before ADR 22's encryption).</summary>
    internal static async Task<Stream?> OpenPlaintextAsync(IEvidenceLocation location, string name, byte[]? key, CancellationToken ct)
    {
        var stored = await location.OpenStoredAsync(Path.GetFileName(name), ct);
        return stored is null || key is null ? stored : EvidenceCipher.Open(stored, key, Path.GetFileName(name));
    }

    private static async Task<EvidenceBundle> WriteIntoAsync(ShopConnectionSettings shop, EvidenceScope scope, IEvidenceStaging staging,
        IProgress<EvidenceProgress>? progress, TimeSpan? statementTimeout, byte[]? key, CancellationToken ct)
    {
        try
        {
            var (connection, transaction) = await ShopConnections.OpenReadOnlyAsync(shop, statementTimeout, ct);
            await using var _ = connection;
            await using var __ = transaction;
            var source = await SnapshotSource.ReadAsync(connection, transaction, shop, ct);
            var tables = await source.TablesAsync(scope, ct);
            var files = new List<EvidenceFile>(tables.Count + 1);
            foreach (var (done, table) in tables.Index())
            {
                progress?.Report(new EvidenceProgress(table, 0, done, tables.Count));
                var file = await WriteTableAsync(source, table, staging, rows => progress?.Report(new EvidenceProgress(table, rows, done, tables.Count)), key, ct);
                files.Add(file);
                progress?.Report(new EvidenceProgress(table, file.Rows!.Value, done + 1, tables.Count));
            }

            var manifest = new EvidenceManifest(EvidenceManifest.CurrentFormat, shop.Platform.ToString(), source.Server, source.Database, shop.TablePrefix,
                source.ServerVersion, source.SnapshotAt, scope.Tables is null, [.. files]);
            var (manifestBytes, manifestSha256) = await WriteFileAsync(staging, ManifestName, stream => manifest.WriteAsync(stream, ct), key, ct);
            files.Add(new EvidenceFile(ManifestName, manifestBytes, manifestSha256, null, null));
            return new EvidenceBundle("", files, source.SnapshotAt, source.ServerVersion);
        }
        catch (MySqlException ex)
        {
            throw ShopConnections.Explain(ex, shop, ShopConnections.Evidence);
        }
    }

    private static async Task<EvidenceFile> WriteTableAsync(SnapshotSource source, string table, IEvidenceStaging staging, Action<long> rowsWritten,
        byte[]? key, CancellationToken ct)
    {
        long rows = 0;
        var name = FileName(table);
        var (bytes, sha256) = await WriteFileAsync(staging, name, async stream =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            await using var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16);
            rows = await TableDump.WriteAsync(source, table, writer, rowsWritten, ct);
        }, key, ct);
        return new EvidenceFile(name, bytes, sha256, table, rows);
    }

    /// <summary>
    /// Creates the file and hashes its plaintext (SHA-256, lower-case hex) as <paramref name="write"/> writes it; with a
    /// <paramref name="key"/> the bytes stored are encrypted (<see cref="EvidenceCipher"/>), the hash and size stay the plaintext's.
    /// </summary>
    private static async Task<(long Bytes, string Sha256)> WriteFileAsync(IEvidenceStaging staging, string name, Func<Stream, Task> write, byte[]? key,
        CancellationToken ct)
    {
        var stored = await staging.CreateAsync(name, ct);
        try
        {
            using var sha256 = System.Security.Cryptography.SHA256.Create();
            long bytes;
            await using (var sealing = key is null ? null : EvidenceCipher.Seal(stored, key, name))
            {
                await using (var hashing = new System.Security.Cryptography.CryptoStream(sealing ?? stored, sha256,
                                 System.Security.Cryptography.CryptoStreamMode.Write, leaveOpen: true))
                {
                    await write(hashing);
                    await hashing.FlushFinalBlockAsync(ct);
                }

                sealing?.Finish();
                bytes = sealing?.Plaintext ?? stored.Length;
            }

            await staging.CloseAsync(stored, ct);
            return (bytes, Convert.ToHexStringLower(sha256.Hash!));
        }
        catch
        {
            await stored.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The table's name where it is plain; any other character as @ and its UTF-16 code in hex (as MySQL names its own
    /// files), so every table gets a distinct, portable file name and none can be "manifest.json".
    /// </summary>
    internal static string FileName(string table)
    {
        var name = new StringBuilder(table.Length + 7);
        foreach (var c in table)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$')
            {
                name.Append(c);
            }
            else
            {
                name.Append('@').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return name.Append(".sql.gz").ToString();
    }
}
