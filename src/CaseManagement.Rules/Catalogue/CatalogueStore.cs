using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManagement.Rules.Catalogue;

/// <summary>
/// Every catalogue version shipped inside this assembly, checked against its published hash and validated on load.
/// </summary>
/// <remarks>
/// A version is immutable once published, because cases record which version they were assessed against.
/// To change any rule, publish a new version instead of editing an old one:
/// 1. copy the latest folder under Catalogue/Versions/ to a new, higher version folder (e.g. 2027.2.1);
/// 2. edit the copy and set "version" (and "publishedOn") in its catalogue.json;
/// 3. add the new version to Versions/manifest.json with the SHA-256 (hex) of catalogue.json followed by
///    the rule files in the order catalogue.json lists them.
/// Never edit a published folder or its manifest entry; the loader refuses a version whose bytes changed.
/// </remarks>
public sealed class CatalogueStore
{
    private const string ResourcePrefix = "CaseManagement.Rules.Catalogue.";
    private const string ManifestFile = "manifest.json";
    private const string IndexFile = "catalogue.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<CatalogueStore> EmbeddedStore = new(() => Load(ReadEmbeddedFiles()));

    private readonly SortedList<Version, ObligationCatalogue> _versions;

    private CatalogueStore(SortedList<Version, ObligationCatalogue> versions) => _versions = versions;

    /// <summary>The catalogue versions shipped with this build.</summary>
    public static CatalogueStore Embedded => EmbeddedStore.Value;

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<ObligationCatalogue> Versions => _versions.Values.AsReadOnly();

    public ObligationCatalogue Latest => _versions.Values[^1];

    public ObligationCatalogue Get(string version) =>
        _versions.Values.FirstOrDefault(c => c.Version == version)
        ?? throw new KeyNotFoundException(
            $"unknown catalogue version '{version}'; known versions: {string.Join(", ", _versions.Values.Select(c => c.Version))}");

    /// <summary>
    /// Loads catalogue files given by path relative to Catalogue/Versions/, with '/' as separator
    /// ("manifest.json", "2026.11.1/catalogue.json", "2026.11.1/eu.json").
    /// </summary>
    /// <exception cref="InvalidDataException">Lists every problem found, each with its version, file or rule id.</exception>
    public static CatalogueStore Load(IReadOnlyDictionary<string, byte[]> files)
    {
        var problems = new List<string>();
        var manifest = Parse<Dictionary<string, string>>(files, ManifestFile, problems) ?? [];
        var folders = files.Keys
            .Where(path => path.EndsWith("/" + IndexFile, StringComparison.Ordinal))
            .Select(path => path[..^(IndexFile.Length + 1)])
            .ToList();

        foreach (var unlisted in manifest.Keys.Except(folders))
            problems.Add($"manifest lists catalogue version {unlisted}, but its folder is missing");

        var versions = new SortedList<Version, ObligationCatalogue>();
        foreach (var folder in folders)
        {
            if (!manifest.TryGetValue(folder, out var publishedHash))
            {
                problems.Add($"catalogue version {folder} has no manifest entry; add its hash to publish it");
                continue;
            }
            if (LoadVersion(files, folder, publishedHash, problems) is not { } catalogue) continue;
            var number = Version.Parse(catalogue.Version);
            if (!versions.TryAdd(number, catalogue))
                problems.Add($"catalogue versions {versions[number].Version} and {folder} are the same number");
        }

        if (problems.Count == 0 && versions.Count == 0) problems.Add("no catalogue version found");
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"obligation catalogue is invalid ({problems.Count} problem(s)):{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", problems));
        return new CatalogueStore(versions);
    }

    /// <summary>The embedded catalogue files keyed as <see cref="Load"/> expects.</summary>
    // MSBuild's %(RecursiveDir) puts the platform's separator inside resource names; normalise it to '/'.
    internal static IReadOnlyDictionary<string, byte[]> ReadEmbeddedFiles() =>
        EmbeddedJson.Read(typeof(CatalogueStore).Assembly, ResourcePrefix, key => key.Replace('\\', '/'));

    private static ObligationCatalogue? LoadVersion(
        IReadOnlyDictionary<string, byte[]> files, string folder, string publishedHash, List<string> problems)
    {
        var index = Parse<CatalogueDocument>(files, $"{folder}/{IndexFile}", problems);
        if (index is null) return null;
        var ruleFiles = index.Files ?? [];
        var missing = ruleFiles.Where(f => !files.ContainsKey($"{folder}/{f}")).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"catalogue version {folder} lists missing files: {string.Join(", ", missing)}");
            return null;
        }

        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            foreach (var path in ruleFiles.Select(f => $"{folder}/{f}").Prepend($"{folder}/{IndexFile}"))
                hash.AppendData(files[path]);
            if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), publishedHash, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"catalogue version {folder} was modified after publication; publish a new version instead");
                return null;
            }
        }

        var start = problems.Count;
        if (index.Version != folder) problems.Add($"{folder}/{IndexFile}: version '{index.Version}' does not match its folder");
        if (!Version.TryParse(folder, out _)) problems.Add($"catalogue version {folder}: folder name must be a dotted number such as 2026.11.1");
        if (!DateOnly.TryParseExact(index.PublishedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var publishedOn))
            problems.Add($"{folder}/{IndexFile}: publishedOn '{index.PublishedOn}' is not a yyyy-mm-dd date");
        if (ruleFiles.Count == 0) problems.Add($"{folder}/{IndexFile}: lists no rule files");

        var rules = new List<ObligationRule>();
        foreach (var file in ruleFiles)
        {
            var location = $"{folder}/{file}";
            var documents = Parse<RuleFileDocument>(files, location, problems)?.Rules ?? [];
            var reader = new RuleReader(location, problems);
            rules.AddRange(documents.Select(reader.Read).OfType<ObligationRule>());
        }
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"rule '{duplicate.Key}': id appears {duplicate.Count()} times in catalogue version {folder}");

        var splits = ReadFlagSplits(folder, index.FlagSplits ?? [], rules, problems);
        return problems.Count > start ? null : new ObligationCatalogue(folder, publishedOn, index.Basis ?? "", rules) { FlagSplits = splits };
    }

    // A retired flag must be a known word that no rule of the version still uses, split into known words some rule uses,
    // so an incident that recorded the old flag can be told exactly which new flags to decide.
    private static List<FlagSplit> ReadFlagSplits(string folder, List<FlagSplitDocument> documents, List<ObligationRule> rules, List<string> problems)
    {
        var used = rules.SelectMany(r => r.Trigger.Conditions).ToHashSet(StringComparer.Ordinal);
        var splits = new List<FlagSplit>();
        foreach (var doc in documents)
        {
            var label = $"{folder}/{IndexFile}: flag split '{doc.Retired}'";
            var into = doc.Into ?? [];
            if (doc.Retired is null || !TriggerConditions.Known.Contains(doc.Retired)) problems.Add($"{label}: the retired flag is not a known trigger word");
            else if (used.Contains(doc.Retired)) problems.Add($"{label}: rules of this version still use the retired flag");
            if (into.Count == 0) problems.Add($"{label}: names no flag that replaces it");
            foreach (var word in into.Where(w => !used.Contains(w))) problems.Add($"{label}: '{word}' is used by no rule of this version");
            if (string.IsNullOrWhiteSpace(doc.Note)) problems.Add($"{label}: needs a note saying what each new flag means");
            splits.Add(new FlagSplit(doc.Retired ?? "", into, doc.Note ?? ""));
        }
        return splits;
    }

    private static T? Parse<T>(IReadOnlyDictionary<string, byte[]> files, string path, List<string> problems) where T : class =>
        EmbeddedJson.Parse<T>(files, path, Json, problems);
}
