namespace CaseManagement.Web.Pages.Incidents;

/// <param name="Suffix">The sub-page's path after /incidents/{id} ("" for the incident page itself).</param>
/// <param name="Policy">The policy its page requires; null when reading incidents is enough.</param>
public sealed record IncidentTab(string Title, string Suffix, string? Policy);

/// <summary>
/// The incident's sub-pages as tabs. A sub-page adds its entry here when it is built (scoping, containment,
/// notifications…), so a tab never leads nowhere; a tab is shown only when its policy passes.
/// </summary>
public static class IncidentTabs
{
    public static readonly IReadOnlyList<IncidentTab> All =
    [
        new("Overview", "", null),
    ];
}
