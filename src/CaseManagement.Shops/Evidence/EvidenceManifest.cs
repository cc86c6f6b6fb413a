using System.Text.Encodings.Web;
using System.Text.Json;

namespace CaseManagement.Shops.Evidence;

/// <summary>The bundle's manifest.json: where and when the tables were read, and every table file with its size and hash.</summary>
/// <param name="Server">Host and port the shop database was read at.</param>
/// <param name="WholeShop">Every table with the prefix was preserved, rather than named ones.</param>
internal sealed record EvidenceManifest(
    string Format,
    string Platform,
    string Server,
    string Database,
    string TablePrefix,
    string ServerVersion,
    DateTimeOffset SnapshotAt,
    bool WholeShop,
    IReadOnlyList<EvidenceFile> Files)
{
    public const string CurrentFormat = "casemanagement-evidence/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file people read, never embedded in a web page: table names and versions stay as they are ("+", "ü").
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public Task WriteAsync(Stream stream, CancellationToken ct) => JsonSerializer.SerializeAsync(stream, this, Json, ct);

    /// <returns>The manifest, or null when the location holds none.</returns>
    /// <exception cref="InvalidDataException">The file is not a manifest this service writes.</exception>
    /// <exception cref="EvidenceUnreadableException">The stored manifest does not decrypt with <paramref name="key"/>.</exception>
    public static async Task<EvidenceManifest?> ReadAsync(IEvidenceLocation location, byte[]? key, CancellationToken ct)
    {
        EvidenceManifest? manifest;
        try
        {
            await using var file = await EvidenceDump.OpenPlaintextAsync(location, EvidenceDump.ManifestName, key, ct);
            if (file is null)
            {
                return null;
            }

            manifest = await JsonSerializer.DeserializeAsync<EvidenceManifest>(file, Json, ct);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{location.Name} holds no evidence manifest: {ex.Message}", ex);
        }

        return manifest is { Format: CurrentFormat } ? manifest : throw new InvalidDataException($"{location.Name} holds no {CurrentFormat} manifest.");
    }
}
