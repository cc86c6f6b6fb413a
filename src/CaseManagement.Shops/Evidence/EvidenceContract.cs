using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Evidence;

/// <summary>Which tables to preserve: the named ones (without prefix, e.g. "options", "sales_order"), or every table of the shop.</summary>
public sealed record EvidenceScope(IReadOnlyList<string>? Tables)
{
    public static EvidenceScope WholeShop { get; } = new((IReadOnlyList<string>?)null);
}

/// <summary>One file of an evidence bundle: its name in the bundle folder, size and SHA-256 (lower-case hex) of its bytes.</summary>
public sealed record EvidenceFile(string Name, long Bytes, string Sha256, string? Table, long? Rows);

/// <summary>
/// A consistent copy of shop tables: one gzip-compressed SQL file per table (CREATE TABLE and INSERTs that restore it exactly)
/// and a manifest.json listing every file with its hash. All tables are read in one read-only transaction with a consistent
/// snapshot, so the bundle shows one moment. <paramref name="Directory"/> is where it is kept: the folder's full path, or the
/// <see cref="IEvidenceLocation.Name"/> of another store.
/// </summary>
public sealed record EvidenceBundle(string Directory, IReadOnlyList<EvidenceFile> Files, DateTimeOffset SnapshotAt, string ServerVersion);
