using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CaseManagement.Containment.Evidence;

/// <summary>Settings under "Evidence".</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>The folder evidence bundles are written under (one folder per organisation, incident and item).</summary>
    public string? Root { get; set; }
}

/// <summary>Where evidence bundles live on disk: one folder per organisation, incident and evidence item.</summary>
public sealed class EvidenceLocker(IOptions<EvidenceOptions> options, IHostEnvironment environment)
{
    public string Root { get; } = options.Value.Root is { Length: > 0 } root
        ? Path.GetFullPath(root)
        : environment.IsDevelopment()
            ? Path.Combine(Path.GetTempPath(), "casemanagement-evidence")
            : throw new InvalidOperationException("Evidence:Root is not set; point it at a folder on durable, access-controlled storage for evidence bundles.");

    /// <summary>The same run step always writes the same item, so a redelivered step replaces its own bundle and never adds a second.</summary>
    public static Guid EvidenceIdFor(Guid runId, string stepId) => Incidents.IncidentStreams.Derived($"{runId:N}/{stepId}");

    public string FolderFor(string organisation, Guid incidentId, Guid evidenceId) =>
        Path.Combine(Root, Safe(organisation), incidentId.ToString("N"), evidenceId.ToString("N"));

    // Organisation ids come from signed tokens, but they still name a folder: keep them to one path segment.
    private static string Safe(string organisation) =>
        organisation.Length > 0 && organisation.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && organisation is not ("." or "..")
            ? organisation
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(organisation)))[..16];
}
