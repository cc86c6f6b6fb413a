using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseManagement.Rules;

/// <summary>A data file checked against the SHA-256 its manifest published for it.</summary>
internal sealed record PublishedFile(string Name, byte[] Bytes, string Sha256);

/// <summary>
/// Versioned data shipped as "&lt;id&gt;.v&lt;n&gt;.json" files beside a manifest.json of their hashes (playbooks, scenarios):
/// a file is published only when the manifest names its exact bytes, so a published version never changes.
/// </summary>
internal static partial class PublishedFiles
{
    public const string ManifestFile = "manifest.json";

    /// <summary>The files the manifest publishes, in name order; every other file and every mismatch is a problem.</summary>
    public static IReadOnlyList<PublishedFile> Verify(IReadOnlyDictionary<string, byte[]> files, JsonSerializerOptions json, List<string> problems)
    {
        var manifest = EmbeddedJson.Parse<Dictionary<string, string>>(files, ManifestFile, json, problems) ?? [];
        foreach (var unlisted in manifest.Keys.Where(k => !files.ContainsKey(k)))
        {
            problems.Add($"manifest lists {unlisted}, but the file is missing");
        }

        var published = new List<PublishedFile>();
        foreach (var (name, bytes) in files.Where(f => f.Key != ManifestFile).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var hash = Sha256Of(bytes);
            if (!manifest.TryGetValue(name, out var expected))
            {
                problems.Add($"{name} is not in the manifest; add \"{name}\": \"{hash}\" to publish it");
            }
            else if (!string.Equals(hash, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name} was modified after publication; publish a new version instead");
            }
            else
            {
                published.Add(new PublishedFile(name, bytes, hash));
            }
        }

        return published;
    }

    /// <summary>
    /// Every published document converted; <paramref name="convert"/> adds the problems of a
    /// document it cannot accept (named by file) and answers null.
    /// </summary>
    /// <exception cref="InvalidDataException">Lists every problem found.</exception>
    public static IReadOnlyList<T> Load<TDocument, T>(IReadOnlyDictionary<string, byte[]> files, JsonSerializerOptions json, string singular, string plural,
        Func<string, TDocument, string, List<string>, T?> convert) where TDocument : class where T : class, IPublishedVersion
    {
        var problems = new List<string>();
        var loaded = new List<T>();
        foreach (var file in Verify(files, json, problems))
        {
            if (EmbeddedJson.Parse<TDocument>(files, file.Name, json, problems) is { } document && convert(file.Name, document, file.Sha256, problems) is { } item)
            {
                loaded.Add(item);
            }
        }

        foreach (var duplicate in loaded.GroupBy(i => (i.Id, i.Version)).Where(g => g.Count() > 1))
        {
            problems.Add($"{singular} {duplicate.Key.Id} v{duplicate.Key.Version} is published twice");
        }

        if (problems.Count == 0 && loaded.Count == 0)
        {
            problems.Add($"no {singular} found");
        }

        return problems.Count > 0
            ? throw new InvalidDataException($"{plural} are invalid ({problems.Count} problem(s)):{Environment.NewLine}- " +
                                             string.Join(Environment.NewLine + "- ", problems))
            : loaded;
    }

    /// <summary>
    /// A document an organisation publishes for itself (an accepted change proposal), checked by the same rules as the
    /// shipped ones: the converted document, or every problem with it.
    /// </summary>
    public static (T? Item, IReadOnlyList<string> Problems) Read<TDocument, T>(byte[] bytes, JsonSerializerOptions json, Func<TDocument, string> fileName,
        Func<string, TDocument, string, List<string>, T?> convert) where TDocument : class where T : class
    {
        var problems = new List<string>();
        const string name = "document";
        return EmbeddedJson.Parse<TDocument>(new Dictionary<string, byte[]> { [name] = bytes }, name, json, problems) is { } document
            ? (convert(fileName(document), document, Sha256Of(bytes), problems), problems)
            : (null, problems);
    }

    /// <summary>Ids of documents and of their parts: lower-case words joined by dashes.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    public static partial Regex IdPattern();

    /// <summary>What every published document states about itself: a file named after its id and version, a title, a purpose, a source.</summary>
    public static void CheckHeader(string file, string? id, int version, string? title, string? purpose, string? source, Action<string> problem)
    {
        if (file != $"{id}.v{version}.json")
        {
            problem($"file name must be {id}.v{version}.json");
        }

        if (!IdPattern().IsMatch(id ?? ""))
        {
            problem("id must be lower-case words joined by dashes");
        }

        if (version < 1)
        {
            problem("version starts at 1");
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(purpose) || string.IsNullOrWhiteSpace(source))
        {
            problem("title, purpose and source are required");
        }
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
