using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;

namespace CaseManagement.Rules.Scenarios;

/// <summary>
/// The exercise scenarios shipped in this assembly (Scenarios/Definitions/&lt;id&gt;.v&lt;version&gt;.json), each checked
/// against the SHA-256 published for it in manifest.json and validated on load, like the playbooks.
/// </summary>
/// <remarks>
/// To change a scenario, copy its file to the next version, edit the copy and add its hash to the manifest; an organisation
/// can also publish its own version through an accepted change proposal (<see cref="Read"/> checks it by the same rules).
/// </remarks>
public sealed partial class ScenarioCatalogue : PublishedVersions<Scenario>
{
    private const string ResourcePrefix = "CaseManagement.Rules.Scenarios.Definitions.";

    /// <summary>The incident kinds a scenario may stage, as incidents name them.</summary>
    public static readonly IReadOnlyList<string> IncidentKinds = ["plugin-compromise", "checkout-skimmer", "account-takeover", "sql-injection", "leaked-api-key", "other"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<ScenarioCatalogue> EmbeddedCatalogue = new(() => Load(EmbeddedJson.Read(typeof(ScenarioCatalogue).Assembly, ResourcePrefix)));

    private ScenarioCatalogue(IReadOnlyList<Scenario> scenarios) : base(scenarios)
    {
    }

    public static ScenarioCatalogue Embedded => EmbeddedCatalogue.Value;

    /// <summary>Every published version, ordered by id then version.</summary>
    public IReadOnlyList<Scenario> Scenarios => All;

    [GeneratedRegex("^[a-z][a-z0-9_]{2,99}$")]
    private static partial Regex EventNamePattern();

    /// <summary>Loads scenario files keyed by file name ("manifest.json", "checkout-skimmer.v1.json").</summary>
    /// <exception cref="InvalidDataException">Lists every problem found, each with its file.</exception>
    public static ScenarioCatalogue Load(IReadOnlyDictionary<string, byte[]> files) =>
        new(PublishedFiles.Load<ScenarioDocument, Scenario>(files, Json, "scenario", "exercise scenarios", ToScenario));

    /// <summary>A scenario document an organisation publishes for itself, checked by the same rules: the scenario, or every problem with it.</summary>
    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Read(byte[] bytes) =>
        PublishedFiles.Read<ScenarioDocument, Scenario>(bytes, Json, d => $"{d.Id}.v{d.Version}.json", ToScenario);

    private static Scenario? ToScenario(string file, ScenarioDocument d, string sha256, List<string> problems)
    {
        var start = problems.Count;
        void Problem(string text) => problems.Add($"{file}: {text}");

        PublishedFiles.CheckHeader(file, d.Id, d.Version, d.Title, d.Purpose, d.Source, Problem);

        if (!IncidentKinds.Contains(d.Kind ?? ""))
        {
            Problem($"kind must be one of: {string.Join(", ", IncidentKinds)}");
        }

        if (d.Incident is not { } incident || string.IsNullOrWhiteSpace(incident.Title) || string.IsNullOrWhiteSpace(incident.Source)
            || string.IsNullOrWhiteSpace(incident.Summary) || (incident.DataCategories ?? []).Count == 0)
        {
            Problem("incident needs a title, a source, a summary and the data categories involved");
        }

        var injects = new List<Inject>();
        foreach (var i in d.Injects ?? [])
        {
            var where = $"inject '{i.Id}'";
            var at = Duration(i.At, $"{where}: at", Problem);
            TimeSpan? failFor = i.FailFor is null ? null : Duration(i.FailFor, $"{where}: failFor", Problem);
            if (!PublishedFiles.IdPattern().IsMatch(i.Id ?? "") || string.IsNullOrWhiteSpace(i.Text))
            {
                Problem($"{where}: needs a dashed lower-case id and a text");
            }

            if (!InjectKinds.All.Contains(i.Kind ?? ""))
            {
                Problem($"{where}: kind must be one of: {string.Join(", ", InjectKinds.All)}");
            }

            if ((i.Kind == InjectKinds.SmtpFailure) != (failFor is { } f && f > TimeSpan.Zero))
            {
                Problem($"{where}: an smtp-failure says for how long (failFor, a positive duration); other injects do not");
            }

            if (i.OpensIncident && i.Kind != InjectKinds.Alert)
            {
                Problem($"{where}: only an alert opens the incident");
            }

            injects.Add(new Inject(i.Id ?? "", at ?? TimeSpan.Zero, i.Kind ?? "", i.Text ?? "", i.OpensIncident, failFor));
        }

        foreach (var duplicate in injects.GroupBy(i => i.Id).Where(g => g.Count() > 1))
        {
            Problem($"inject id '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        var openings = injects.Where(i => i.OpensIncident).ToList();
        if (openings.Count != 1)
        {
            Problem("exactly one alert opens the incident (opensIncident: true)");
        }
        else if (injects.Any(i => i.At < openings[0].At))
        {
            Problem("the alert that opens the incident comes first: nothing can happen to an incident before it is opened");
        }

        var expectations = new List<Expectation>();
        foreach (var e in d.Expectations ?? [])
        {
            var where = $"expectation '{e.Id}'";
            var within = Duration(e.Within, $"{where}: within", Problem);
            if (!PublishedFiles.IdPattern().IsMatch(e.Id ?? "") || string.IsNullOrWhiteSpace(e.Title))
            {
                Problem($"{where}: needs a dashed lower-case id and a title");
            }

            if (!EventNamePattern().IsMatch(e.Shows ?? ""))
            {
                Problem($"{where}: shows names the event that shows the decision, as the event store names it (e.g. \"severity_classified\")");
            }

            if (injects.All(i => i.Id != e.After))
            {
                Problem($"{where}: after names inject '{e.After}', which the scenario does not have");
            }

            if (within is { } w && w <= TimeSpan.Zero)
            {
                Problem($"{where}: within must be a positive duration");
            }

            if ((e.Where ?? []).Any(c => string.IsNullOrWhiteSpace(c.Key) || c.Value.Count == 0))
            {
                Problem($"{where}: each condition names a field and at least one value");
            }

            expectations.Add(new Expectation(e.Id ?? "", e.Title ?? "", e.Shows ?? "",
                (e.Where ?? []).ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal), e.After ?? "", within ?? TimeSpan.Zero));
        }

        foreach (var duplicate in expectations.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            Problem($"expectation id '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        if (expectations.Count == 0)
        {
            Problem("has no expectations: an exercise without expected decisions tests nothing");
        }

        var targets = new List<MilestoneTarget>();
        foreach (var t in d.Targets ?? [])
        {
            var within = Duration(t.Within, $"target '{t.Milestone}': within", Problem);
            if (!ScenarioMilestones.All.Contains(t.Milestone ?? ""))
            {
                Problem($"target '{t.Milestone}': milestone must be one of: {string.Join(", ", ScenarioMilestones.All)}");
            }

            targets.Add(new MilestoneTarget(t.Milestone ?? "", within ?? TimeSpan.Zero));
        }

        foreach (var duplicate in targets.GroupBy(t => t.Milestone).Where(g => g.Count() > 1))
        {
            Problem($"milestone '{duplicate.Key}' has {duplicate.Count()} targets");
        }

        return problems.Count > start
            ? null
            : new Scenario(d.Id!, d.Version, d.Kind!, d.Title!, d.Purpose!, d.Source!, sha256,
                new StagedIncident(d.Incident!.Title!, d.Incident.Source!, d.Incident.Summary!, d.Incident.DataCategories!),
                [.. injects.OrderBy(i => i.At)], expectations, targets, d.PagesOnCall);
    }

    private static TimeSpan? Duration(string? text, string where, Action<string> problem)
    {
        try
        {
            return text is null ? throw new FormatException() : XmlConvert.ToTimeSpan(text) is var span && span >= TimeSpan.Zero ? span : throw new FormatException();
        }
        catch (FormatException)
        {
            problem($"{where} must be an ISO-8601 duration that is not negative, e.g. \"PT45M\" or \"P2DT4H\" (got '{text}')");
            return null;
        }
    }

    private sealed record ScenarioDocument(
        string? Id,
        int Version,
        string? Kind,
        string? Title,
        string? Purpose,
        string? Source,
        IncidentDocument? Incident,
        List<InjectDocument>? Injects,
        List<ExpectationDocument>? Expectations,
        List<TargetDocument>? Targets,
        bool PagesOnCall);

    private sealed record IncidentDocument(string? Title, string? Source, string? Summary, List<string>? DataCategories);

    private sealed record InjectDocument(string? Id, string? At, string? Kind, string? Text, bool OpensIncident, string? FailFor);

    private sealed record ExpectationDocument(string? Id, string? Title, string? Shows, Dictionary<string, List<string>>? Where, string? After, string? Within);

    private sealed record TargetDocument(string? Milestone, string? Within);
}
