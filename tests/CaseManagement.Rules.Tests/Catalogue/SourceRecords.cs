using System.Text.Json;

namespace CaseManagement.Rules.Tests.Catalogue;

/// <summary>
/// The research records the catalogue was encoded from (breach-obligations.jsonl), located next to the repository
/// at ../shared/reference. Lets tests compare the catalogue with its source mechanically.
/// </summary>
internal static class SourceRecords
{
    private static readonly Lazy<string?> LocatedPath = new(Locate);
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> ById = new(Read);

    public const string MissingMessage =
        "breach-obligations.jsonl was not found at ../shared/reference next to the folder holding CaseManagement.sln; "
        + "the comparison with the research source is skipped";

    public static string? Path => LocatedPath.Value;

    public static IReadOnlyList<string> Ids => [.. All.Select(r => r.GetProperty("id").GetString()!)];

    public static IReadOnlyList<JsonElement> All => Path is null
        ? []
        : [.. File.ReadLines(Path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonDocument.Parse(l).RootElement)];

    public static JsonElement Record(string id) => ById.Value[id];

    private static IReadOnlyDictionary<string, JsonElement> Read() => All.ToDictionary(r => r.GetProperty("id").GetString()!);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "CaseManagement.sln"))) continue;
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "reference", "breach-obligations.jsonl"));
            return File.Exists(path) ? path : null;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with a clear reason, when the research source is not available.</summary>
public sealed class SourceFactAttribute : FactAttribute
{
    public SourceFactAttribute()
    {
        if (SourceRecords.Path is null) Skip = SourceRecords.MissingMessage;
    }
}

/// <summary>A theory that is skipped, with a clear reason, when the research source is not available.</summary>
public sealed class SourceTheoryAttribute : TheoryAttribute
{
    public SourceTheoryAttribute()
    {
        if (SourceRecords.Path is null) Skip = SourceRecords.MissingMessage;
    }
}
