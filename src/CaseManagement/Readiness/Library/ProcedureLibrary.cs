using System.Text;
using CaseManagement.Rules;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Rules.Scenarios;
using Marten;

namespace CaseManagement.Readiness.Library;

/// <summary>What an organisation can change through a proposal: its containment playbooks and its exercise scenarios.</summary>
public enum ProcedureKind
{
    Playbook,
    Scenario,
}

/// <summary>
/// A version of a playbook or scenario an organisation published for itself by accepting a change proposal: the whole
/// document, as accepted, with its hash. Kept by an inline projection of the acceptance event (the source of truth).
/// </summary>
public sealed class PublishedProcedure
{
    /// <summary>"{kind}:{id}:v{version}".</summary>
    public string Id { get; set; } = "";
    public ProcedureKind Kind { get; set; }
    public string Procedure { get; set; } = "";
    public int Version { get; set; }
    public string Document { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public Guid ProposalId { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    public static string IdFor(ProcedureKind kind, string procedure, int version) => $"{Api.ApiJson.WireName(kind)}:{procedure}:v{version}";
}

/// <summary>
/// The playbooks and scenarios an organisation can run: the shipped versions and the ones it published itself. A version
/// number the organisation published first is its own (a later shipped version with the same number is not offered to it).
/// </summary>
public static class ProcedureLibrary
{
    public static async Task<PublishedVersions<Scenario>> ScenariosAsync(IQuerySession session, CancellationToken ct) =>
        Combine(ScenarioCatalogue.Embedded.All, await OwnAsync(session, ProcedureKind.Scenario, bytes => ScenarioCatalogue.Read(bytes).Scenario, ct));

    public static async Task<PublishedVersions<Playbook>> PlaybooksAsync(IQuerySession session, CancellationToken ct) =>
        Combine(PlaybookCatalogue.Embedded.All, await OwnAsync(session, ProcedureKind.Playbook, bytes => PlaybookCatalogue.Read(bytes).Playbook, ct));

    /// <summary>Whether a version is one the organisation published (rather than one shipped with the service).</summary>
    public static bool IsOwn(IPublishedVersion version) => ScenarioCatalogue.Embedded.All.Concat<IPublishedVersion>(PlaybookCatalogue.Embedded.All)
        .All(shipped => shipped.Sha256 != version.Sha256);

    private static PublishedVersions<T> Combine<T>(IReadOnlyList<T> shipped, IReadOnlyList<T> own) where T : IPublishedVersion =>
        new([.. own, .. shipped.Where(s => !own.Any(o => o.Id == s.Id && o.Version == s.Version))]);

    private static async Task<IReadOnlyList<T>> OwnAsync<T>(IQuerySession session, ProcedureKind kind, Func<byte[], T?> read, CancellationToken ct) where T : class
    {
        var documents = await session.Query<PublishedProcedure>().Where(p => p.Kind == kind).ToListAsync(ct);
        // Each was checked when it was accepted; one that no longer reads (a rule tightened since) is left out rather than guessed at.
        return [.. documents.Select(d => read(Encoding.UTF8.GetBytes(d.Document))).OfType<T>()];
    }
}
