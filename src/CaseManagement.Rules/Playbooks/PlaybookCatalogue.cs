using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CaseManagement.Rules.Playbooks;

/// <summary>
/// The containment playbooks shipped in this assembly (Playbooks/Definitions/&lt;id&gt;.v&lt;version&gt;.json), each checked
/// against the SHA-256 published for it in manifest.json and validated on load.
/// </summary>
/// <remarks>
/// To change a playbook, copy its file to the next version (…v2.json), edit the copy, and add the copy's hash to the
/// manifest. Runs record the version and hash they followed, so an old version must stay loadable byte for byte.
/// </remarks>
public sealed partial class PlaybookCatalogue : PublishedVersions<Playbook>
{
    private const string ResourcePrefix = "CaseManagement.Rules.Playbooks.Definitions.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<PlaybookCatalogue> EmbeddedCatalogue = new(() => Load(ReadEmbeddedFiles()));

    private PlaybookCatalogue(IReadOnlyList<Playbook> playbooks) : base(playbooks)
    {
    }

    public static PlaybookCatalogue Embedded => EmbeddedCatalogue.Value;

    /// <summary>Every published version, ordered by id then version.</summary>
    public IReadOnlyList<Playbook> Playbooks => All;

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// The steps as they will run for a shop of <paramref name="platform"/> with the responder's parameters, or the
    /// problems with the parameters (missing required ones, unknown names), keyed by parameter.
    /// </summary>
    public static (IReadOnlyList<PlannedStep> Steps, IReadOnlyDictionary<string, string> Problems) Plan(
        Playbook playbook, IReadOnlyDictionary<string, string> parameters, string platform)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
        foreach (var unknown in given.Keys.Where(k => playbook.Parameters.All(p => p.Name != k)))
        {
            problems[unknown] = $"playbook {playbook.Id} v{playbook.Version} takes no parameter '{unknown}'; it takes: {string.Join(", ", playbook.Parameters.Select(p => p.Name))}";
        }

        foreach (var missing in playbook.Parameters.Where(p => p.Required && !given.ContainsKey(p.Name)))
        {
            problems[missing.Name] = $"is required: {missing.Description}";
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var steps = playbook.Steps
            .Where(s => s.When is null || given.ContainsKey(s.When))
            .Select(s => new PlannedStep(s.Id, s.Title, s.Action, s.Why,
                s.With.ToDictionary(a => a.Key, a => Placeholder().Replace(a.Value, m => given.GetValueOrDefault(m.Groups["name"].Value, "")), StringComparer.Ordinal),
                s.RequiresApproval, s.Required, s.Compensation, s.TimeoutMinutes,
                s.EvidenceTables is null ? null : s.EvidenceTables.GetValueOrDefault(platform, []),
                s.Manual, s.Checklist))
            .ToList();
        return (steps, problems);
    }

    /// <summary>Loads playbook files keyed by file name ("manifest.json", "checkout-skimmer.v1.json").</summary>
    /// <exception cref="InvalidDataException">Lists every problem found, each with its file.</exception>
    public static PlaybookCatalogue Load(IReadOnlyDictionary<string, byte[]> files) =>
        new(PublishedFiles.Load<PlaybookDocument, Playbook>(files, Json, "playbook", "containment playbooks", Accept));

    /// <summary>
    /// A playbook document an organisation publishes for itself (an accepted change proposal), checked by the same rules as
    /// the shipped ones: the playbook, or every problem with it.
    /// </summary>
    public static (Playbook? Playbook, IReadOnlyList<string> Problems) Read(byte[] bytes) =>
        PublishedFiles.Read<PlaybookDocument, Playbook>(bytes, Json, d => $"{d.Id}.v{d.Version}.json", Accept);

    private static Playbook? Accept(string file, PlaybookDocument document, string sha256, List<string> problems) =>
        Validate(file, document, problems) ? ToPlaybook(document, sha256) : null;

    private static bool Validate(string file, PlaybookDocument d, List<string> problems)
    {
        var start = problems.Count;
        void Problem(string text) => problems.Add($"{file}: {text}");

        PublishedFiles.CheckHeader(file, d.Id, d.Version, d.Title, d.Purpose, d.Source, Problem);

        var parameters = (d.Parameters ?? []).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if ((d.Steps ?? []).Count == 0)
        {
            Problem("has no steps");
        }

        foreach (var duplicate in (d.Steps ?? []).GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            Problem($"step id '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        foreach (var step in d.Steps ?? [])
        {
            var where = $"step '{step.Id}'";
            if (!PublishedFiles.IdPattern().IsMatch(step.Id ?? "") || string.IsNullOrWhiteSpace(step.Title) || string.IsNullOrWhiteSpace(step.Why))
            {
                Problem($"{where}: needs a dashed lower-case id, a title and a why");
            }

            if (!ContainmentActions.Arguments.TryGetValue(step.Action ?? "", out var arguments))
            {
                Problem($"{where}: unknown action '{step.Action}'; known: {string.Join(", ", ContainmentActions.All)}");
                continue;
            }

            foreach (var (name, value) in step.With ?? [])
            {
                if (!arguments.Contains(name))
                {
                    Problem($"{where}: action {step.Action} takes no argument '{name}'");
                }

                foreach (var placeholder in Placeholder().Matches(value).Select(m => m.Groups["name"].Value).Where(p => !parameters.Contains(p)))
                {
                    Problem($"{where}: argument {name} uses undeclared parameter '{placeholder}'");
                }
            }

            if (step.When is not null && !parameters.Contains(step.When))
            {
                Problem($"{where}: 'when' names undeclared parameter '{step.When}'");
            }

            if (step.Action == ContainmentActions.RevokeCredentials && (step.With ?? []).Count == 0
                || step.Action is ContainmentActions.DeactivatePlugin or ContainmentActions.LockAdmin && (step.With ?? []).Count != 1)
            {
                Problem($"{where}: {step.Action} needs its argument");
            }

            if (string.IsNullOrWhiteSpace(step.Compensation) || ContainmentActions.ChangesShop(step.Action!) && step.Compensation.StartsWith("none", StringComparison.Ordinal) && step.Compensation.Length < 12)
            {
                Problem($"{where}: say how the step is undone, or why it cannot be (\"none: …\")");
            }

            if (step.TimeoutMinutes is < 1 or > 24 * 60)
            {
                Problem($"{where}: timeoutMinutes must be between 1 and 1440");
            }

            if (step.EvidenceTables is not null && (step.Action != ContainmentActions.PreserveEvidence
                                                    || step.EvidenceTables.Keys.Any(k => !PlaybookPlatforms.All.Contains(k))
                                                    || PlaybookPlatforms.All.Any(p => !step.EvidenceTables.ContainsKey(p))))
            {
                Problem($"{where}: evidenceTables belong to preserve-evidence and name tables for each of {string.Join(", ", PlaybookPlatforms.All)}");
            }

            if (step.Action == ContainmentActions.Manual
                    ? step.Manual is null && (step.Checklist ?? []).Count == 0 || step.Manual is not null && !ManualProcedures.All.Contains(step.Manual)
                    : step.Manual is not null)
            {
                Problem($"{where}: a manual step names a known procedure ({string.Join(", ", ManualProcedures.All)}) or lists its checklist; other steps do neither");
            }
        }

        return problems.Count == start;
    }

    private static Playbook ToPlaybook(PlaybookDocument d, string hash) => new(
        d.Id, d.Version, d.Kind, d.Title, d.Purpose, d.Source, hash,
        [.. (d.Parameters ?? []).Select(p => new PlaybookParameter(p.Name, p.Description, p.Required, p.Example, p.Secret))],
        [
            .. d.Steps!.Select(s => new PlaybookStep(s.Id, s.Title, s.Action!, s.Why, s.With ?? [], s.When, s.RequiresApproval, s.Required, s.Compensation,
                s.TimeoutMinutes, s.EvidenceTables?.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value), s.Manual, s.Checklist ?? [])),
        ]);

    private static IReadOnlyDictionary<string, byte[]> ReadEmbeddedFiles() => EmbeddedJson.Read(typeof(PlaybookCatalogue).Assembly, ResourcePrefix);

    private static T? Parse<T>(IReadOnlyDictionary<string, byte[]> files, string path, List<string> problems) where T : class =>
        EmbeddedJson.Parse<T>(files, path, Json, problems);

    private sealed record PlaybookDocument(
        string Id,
        int Version,
        string Kind,
        string Title,
        string Purpose,
        string Source,
        List<ParameterDocument>? Parameters,
        List<StepDocument>? Steps);

    private sealed record ParameterDocument(string Name, string Description, bool Required, string? Example, bool Secret);

    private sealed record StepDocument(
        string Id,
        string Title,
        string? Action,
        string Why,
        Dictionary<string, string>? With,
        string? When,
        bool RequiresApproval,
        bool Required,
        string Compensation,
        int TimeoutMinutes,
        Dictionary<string, List<string>>? EvidenceTables,
        string? Manual,
        List<string>? Checklist);
}
