namespace CaseManagement.Rules.Playbooks;

/// <summary>The actions a playbook step can name. Everything but <see cref="Manual"/> is carried out on the shop's database.</summary>
public static class ContainmentActions
{
    public const string PreserveEvidence = "preserve-evidence";
    public const string ScanForSkimmers = "scan-for-skimmers";
    public const string DeactivatePlugin = "deactivate-plugin";
    public const string RevokeCredentials = "revoke-credentials";
    public const string LockAdmin = "lock-admin";
    public const string EndCustomerSessions = "end-customer-sessions";
    public const string Manual = "manual";

    public static readonly IReadOnlyList<string> All =
        [PreserveEvidence, ScanForSkimmers, DeactivatePlugin, RevokeCredentials, LockAdmin, EndCustomerSessions, Manual];

    /// <summary>The arguments each action takes; a step may give only these.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Arguments = new Dictionary<string, IReadOnlyList<string>>
    {
        [PreserveEvidence] = [],
        [ScanForSkimmers] = [],
        [DeactivatePlugin] = ["plugin"],
        [RevokeCredentials] = ["leakedKey", "userLogin", "webhookDeliveryHost", "integrationName"],
        [LockAdmin] = ["login"],
        [EndCustomerSessions] = [],
        [Manual] = [],
    };

    /// <summary>Actions that change the shop, so their compensation must be described.</summary>
    public static bool ChangesShop(string action) => action is DeactivatePlugin or RevokeCredentials or LockAdmin or EndCustomerSessions;
}

/// <summary>Procedures only a person on the shop's server can carry out; the service supplies each platform's checklist.</summary>
public static class ManualProcedures
{
    public const string MaintenanceMode = "maintenance-mode";
    public const string MuPluginsAndDropIns = "mu-plugins-and-drop-ins";
    public const string FlushCaches = "flush-caches";

    public static readonly IReadOnlyList<string> All = [MaintenanceMode, MuPluginsAndDropIns, FlushCaches];
}

/// <summary>The shop platforms a playbook distinguishes, as shops and incidents name them.</summary>
public static class PlaybookPlatforms
{
    public const string WooCommerce = "woocommerce";
    public const string Magento = "magento";

    public static readonly IReadOnlyList<string> All = [WooCommerce, Magento];
}

/// <summary>
/// A containment playbook: the ordered steps responders run for one kind of incident, reviewed and published as
/// data. A published version never changes (its bytes are pinned in the manifest); a change is a new version.
/// </summary>
/// <param name="Sha256">Hash of the published file, recorded with every run so an auditor can see exactly which steps were meant.</param>
public sealed record Playbook(
    string Id,
    int Version,
    string Kind,
    string Title,
    string Purpose,
    string Source,
    string Sha256,
    IReadOnlyList<PlaybookParameter> Parameters,
    IReadOnlyList<PlaybookStep> Steps) : IPublishedVersion;

/// <summary>Something the responder supplies when starting the playbook (the plugin's file, the compromised login).</summary>
/// <param name="Secret">A value that must not be stored or shown in plain text (a leaked key): kept encrypted with the run.</param>
public sealed record PlaybookParameter(string Name, string Description, bool Required, string? Example, bool Secret);

/// <summary>
/// One step. <paramref name="With"/> holds the action's arguments, where "{name}" stands for a run parameter.
/// <paramref name="When"/> names a parameter without which the step is left out of the run.
/// </summary>
/// <param name="EvidenceTables">For preserve-evidence: the tables (without prefix) per platform; null keeps the whole shop.</param>
/// <param name="Manual">For a manual step: a <see cref="ManualProcedures"/> name, or null when <paramref name="Checklist"/> says it all.</param>
/// <param name="Compensation">How the step is undone, in words; "none" with the reason when it cannot or must not be.</param>
public sealed record PlaybookStep(
    string Id,
    string Title,
    string Action,
    string Why,
    IReadOnlyDictionary<string, string> With,
    string? When,
    bool RequiresApproval,
    bool Required,
    string Compensation,
    int TimeoutMinutes,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? EvidenceTables,
    string? Manual,
    IReadOnlyList<string> Checklist);

/// <summary>A step as it will run for one incident: parameters filled in, tables chosen for the shop's platform.</summary>
public sealed record PlannedStep(
    string Id,
    string Title,
    string Action,
    string Why,
    IReadOnlyDictionary<string, string> Arguments,
    bool RequiresApproval,
    bool Required,
    string Compensation,
    int TimeoutMinutes,
    IReadOnlyList<string>? EvidenceTables,
    string? Manual,
    IReadOnlyList<string> Checklist);
