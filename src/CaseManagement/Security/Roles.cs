namespace CaseManagement.Security;

/// <summary>The roles people and machines hold (docs/adr/0005-security-model.md).</summary>
public static class Roles
{
    public const string Responder = "responder";
    public const string ComplianceLead = "compliance-lead";
    public const string Approver = "approver";
    public const string Auditor = "auditor";
    public const string Integrator = "integrator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Responder, ComplianceLead, Approver, Auditor, Integrator, Admin];

    /// <summary>
    /// Machines act, read or integrate; deciding on notification, approving and administering are
    /// people's decisions, so API keys never carry those roles.
    /// </summary>
    public static readonly IReadOnlyList<string> GrantableToApiKeys = [Responder, Auditor, Integrator];
}

/// <summary>What each endpoint requires; every endpoint names one of these.</summary>
public static class Policies
{
    /// <summary>Read incidents, their history and views. Admins administer and do not read case data.</summary>
    public const string ReadIncidents = "read-incidents";

    /// <summary>See the registered shops, never their credentials: the people who work incidents, and the admins who keep the registry.</summary>
    public const string ReadShops = "read-shops";

    /// <summary>Record facts and move the incident through containment and closure.</summary>
    public const string RecordFacts = "record-facts";

    /// <summary>Decide whether and whom to notify: the compliance lead's call.</summary>
    public const string DecideNotification = "decide-notification";

    /// <summary>See shoppers' personal data (to contact them, or to audit), each read an explicit request.</summary>
    public const string ReadPersonalData = "read-personal-data";

    /// <summary>Erase a data subject's personal data (crypto-shredding).</summary>
    public const string ErasePersonalData = "erase-personal-data";

    /// <summary>A second person's yes: a risky containment step (it may break checkout), a notification campaign (two-person rule).</summary>
    public const string Approve = "approve";

    /// <summary>Set an unfinished containment run aside so that a new one can start: the compliance lead's call.</summary>
    public const string SupersedeContainment = "supersede-containment";

    /// <summary>API keys, users, settings.</summary>
    public const string Administer = "administer";

    /// <summary>Read the organisation's event feed (pull API, types and schemas). Auditors read everything.</summary>
    public const string ReadFeed = "read-feed";

    /// <summary>Start deliveries to a webhook: subscribe, resume, replay.</summary>
    public const string Integrate = "integrate";

    /// <summary>See feed subscriptions and stop them (pause, revoke): integrators, and admins as an emergency brake.</summary>
    public const string OverseeFeedSubscriptions = "oversee-feed-subscriptions";

    /// <summary>Send alerts with a credential rather than a source's signature: a SIEM's integrator key, or a responder testing a source.</summary>
    public const string SendAlerts = "send-alerts";

    /// <summary>Run exercises, complete post-incident reviews, accept changes to playbooks and scenarios, set the readiness policy (ADR 24).</summary>
    public const string LeadReadiness = "lead-readiness";

    /// <summary>Set how often the organisation exercises its response plan (ADR 24): the compliance lead, or an admin who keeps the calendar.</summary>
    public const string ScheduleExercises = "schedule-exercises";

    /// <summary>Take a page on (ADR 32): the people a page may reach, but not auditors, who write nothing.</summary>
    public const string AnswerPages = "answer-pages";

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [ReadIncidents] = [Roles.Responder, Roles.ComplianceLead, Roles.Approver, Roles.Auditor],
        [ReadShops] = [Roles.Responder, Roles.ComplianceLead, Roles.Approver, Roles.Auditor, Roles.Admin],
        [RecordFacts] = [Roles.Responder, Roles.ComplianceLead],
        [DecideNotification] = [Roles.ComplianceLead],
        [ReadPersonalData] = [Roles.Responder, Roles.ComplianceLead, Roles.Auditor],
        [ErasePersonalData] = [Roles.ComplianceLead],
        [Approve] = [Roles.ComplianceLead, Roles.Approver],
        [SupersedeContainment] = [Roles.ComplianceLead],
        [Administer] = [Roles.Admin],
        [ReadFeed] = [Roles.Integrator, Roles.Auditor],
        [Integrate] = [Roles.Integrator],
        [OverseeFeedSubscriptions] = [Roles.Integrator, Roles.Admin],
        [SendAlerts] = [Roles.Integrator, Roles.Responder],
        [LeadReadiness] = [Roles.ComplianceLead],
        [ScheduleExercises] = [Roles.ComplianceLead, Roles.Admin],
        [AnswerPages] = [Roles.Responder, Roles.ComplianceLead, Roles.Approver],
    };
}
