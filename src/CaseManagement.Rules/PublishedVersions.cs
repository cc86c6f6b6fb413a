namespace CaseManagement.Rules;

/// <summary>A document published in numbered versions, each pinned by the SHA-256 of its bytes (a playbook, a scenario).</summary>
public interface IPublishedVersion
{
    string Id { get; }
    int Version { get; }
    string Sha256 { get; }
}

/// <summary>Every published version of some documents, and the lookups runs and exercises make by id and version.</summary>
public class PublishedVersions<T>(IReadOnlyList<T> all) where T : IPublishedVersion
{
    /// <summary>Every published version, ordered by id then version.</summary>
    public IReadOnlyList<T> All { get; } = [.. all.OrderBy(v => v.Id, StringComparer.Ordinal).ThenBy(v => v.Version)];

    /// <summary>The newest version of each document.</summary>
    public IReadOnlyList<T> Latest => [.. All.GroupBy(v => v.Id).Select(g => g.MaxBy(v => v.Version)!)];

    /// <summary>A version of a document (the newest when <paramref name="version"/> is null), or null when there is none.</summary>
    public T? Find(string id, int? version = null) => All.Where(v => v.Id == id && (version is null || v.Version == version)).MaxBy(v => v.Version);
}
