using System.Security.Cryptography;
using System.Text;
using CaseManagement.Shops.Evidence;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Containment.Evidence;

/// <summary>Settings under "Evidence".</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Where new bundles are written: <see cref="EvidenceStores.PostgreSql"/> (the default: every node reads them) or <see cref="EvidenceStores.Folder"/>.</summary>
    public string Store { get; set; } = EvidenceStores.PostgreSql;

    /// <summary>The folder evidence bundles are written under with the folder store (one folder per organisation, incident and item), and where
    /// bundles written before ADR 36 are read from.</summary>
    public string? Root { get; set; }
}

/// <summary>The stores an evidence bundle can be kept in, as <see cref="EvidencePreserved.Store"/> names them (ADR 36).</summary>
public static class EvidenceStores
{
    /// <summary>Rows in the service's PostgreSQL database (<see cref="EvidenceRows"/>).</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>Files under <see cref="EvidenceOptions.Root"/>: a shared mount when there are several nodes. Bundles recorded without a store are there.</summary>
    public const string Folder = "folder";
}

/// <summary>Where evidence bundles live: one place per organisation, incident and evidence item, in the store the item was written to.</summary>
public sealed class EvidenceLocker(IOptions<EvidenceOptions> options, IHostEnvironment environment, IDocumentStore store)
{
    private readonly Lazy<string> _root = new(() => options.Value.Root is { Length: > 0 } root
        ? Path.GetFullPath(root)
        : environment.IsDevelopment()
            ? Path.Combine(Path.GetTempPath(), "casemanagement-evidence")
            : throw new InvalidOperationException("Evidence:Root is not set; point it at a folder on durable, access-controlled storage for evidence bundles."));

    /// <summary>The store new bundles go to.</summary>
    public string NewStore { get; } = options.Value.Store switch
    {
        EvidenceStores.PostgreSql or EvidenceStores.Folder => options.Value.Store,
        var other => throw new InvalidOperationException($"Evidence:Store is '{other}'; use '{EvidenceStores.PostgreSql}' or '{EvidenceStores.Folder}'."),
    };

    public string Root => _root.Value;

    /// <summary>The same run step always writes the same item, so a redelivered step replaces its own bundle and never adds a second.</summary>
    public static Guid EvidenceIdFor(Guid runId, string stepId) => Incidents.IncidentStreams.Derived($"{runId:N}/{stepId}");

    /// <summary>The item's place in the store it was written to; items recorded without a store are folders (written before ADR 36).</summary>
    public IEvidenceLocation For(string? itemStore, string organisation, Guid incidentId, Guid evidenceId) =>
        itemStore == EvidenceStores.PostgreSql
            ? new EvidenceRows.Location(store, organisation, incidentId, evidenceId)
            : new EvidenceFolder(Path.Combine(Root, RelativeName(organisation, incidentId, evidenceId)));

    /// <summary>The item's name within any store, as <see cref="EvidencePreserved.Location"/> records it: never a server path.</summary>
    public static string RelativeName(string organisation, Guid incidentId, Guid evidenceId) =>
        Path.Combine(Safe(organisation), incidentId.ToString("N"), evidenceId.ToString("N"));

    /// <summary>Removes a destroyed item's stored bytes from every store it could be in. Idempotent.</summary>
    public async Task DeleteAsync(string organisation, Guid incidentId, Guid evidenceId, CancellationToken ct)
    {
        await EvidenceRows.DeleteAsync(store, evidenceId, ct);
        if (options.Value.Root is { Length: > 0 } || environment.IsDevelopment())
        {
            var folder = Path.Combine(Root, RelativeName(organisation, incidentId, evidenceId));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // Organisation ids come from signed tokens, but they still name a folder: keep them to one path segment.
    private static string Safe(string organisation) =>
        organisation.Length > 0 && organisation.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && organisation is not ("." or "..")
            ? organisation
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(organisation)))[..16];
}
