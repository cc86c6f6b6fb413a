namespace CaseManagement.Rules.Scenarios;

/// <summary>What an inject is, as the facilitator and the report name it.</summary>
public static class InjectKinds
{
    /// <summary>An alert reaches the team; the scenario's first one opens the exercise's incident.</summary>
    public const string Alert = "alert";

    /// <summary>Something the team finds out (a file, a log line, a count).</summary>
    public const string Fact = "fact";

    /// <summary>A supervisory authority, card brand or acquirer asks questions.</summary>
    public const string RegulatorCall = "regulator-call";

    /// <summary>A journalist or a customer on social media asks questions.</summary>
    public const string MediaInquiry = "media-inquiry";

    /// <summary>The mail provider refuses notices for a while: the exercise's sandbox channel fails until it recovers.</summary>
    public const string SmtpFailure = "smtp-failure";

    public static readonly IReadOnlyList<string> All = [Alert, Fact, RegulatorCall, MediaInquiry, SmtpFailure];
}

/// <summary>The milestones a scenario may set target times for, as the incident records them.</summary>
public static class ScenarioMilestones
{
    public const string Aware = "aware";
    public const string Contained = "contained";
    public const string Scoped = "scoped";
    public const string Notified = "notified";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Aware, Contained, Scoped, Notified, Closed];
}

/// <summary>
/// A tabletop exercise as data: the incident it stages, the injects that reach the team at offsets from the start, the
/// decisions expected of the team and the target time of each milestone. A published version never changes (its bytes
/// are pinned in the manifest); a change is a new version.
/// </summary>
/// <param name="Sha256">Hash of the published file, recorded with every exercise so the report names exactly which script ran.</param>
/// <param name="PagesOnCall">Whether the exercise may reach the organisation's on-call roster; off unless the scenario says so.</param>
public sealed record Scenario(
    string Id,
    int Version,
    string Kind,
    string Title,
    string Purpose,
    string Source,
    string Sha256,
    StagedIncident Incident,
    IReadOnlyList<Inject> Injects,
    IReadOnlyList<Expectation> Expectations,
    IReadOnlyList<MilestoneTarget> Targets,
    bool PagesOnCall) : IPublishedVersion
{
    /// <summary>The inject that opens the incident: the scenario's first alert.</summary>
    public Inject Opening => Injects.Single(i => i.OpensIncident);

    public Inject? Find(string injectId) => Injects.FirstOrDefault(i => i.Id == injectId);
}

/// <summary>The incident the opening alert records, on the exercise's sandbox shop.</summary>
public sealed record StagedIncident(string Title, string Source, string Summary, IReadOnlyList<string> DataCategories);

/// <summary>One thing that reaches the team at <paramref name="At"/> after the start, in exercise time.</summary>
/// <param name="FailFor">For an SMTP failure: how long the sandbox channel refuses notices.</param>
public sealed record Inject(string Id, TimeSpan At, string Kind, string Text, bool OpensIncident, TimeSpan? FailFor);

/// <summary>
/// A decision the team is expected to take: shown by the first event named <paramref name="Shows"/> (the event store's name,
/// e.g. "severity_classified") whose data matches <paramref name="Where"/>, within <paramref name="Within"/> of the inject
/// <paramref name="After"/>.
/// </summary>
/// <param name="Where">Field of the event's data (as the API writes it) and the values that count.</param>
public sealed record Expectation(string Id, string Title, string Shows, IReadOnlyDictionary<string, IReadOnlyList<string>> Where, string After, TimeSpan Within);

/// <summary>A milestone to reach within <paramref name="Within"/> of the opening alert.</summary>
public sealed record MilestoneTarget(string Milestone, TimeSpan Within);
