using CaseManagement.Incidents;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>The head of the response pages: which incident, where it stands, and the tabs between scoping, containment and notification.</summary>
public sealed record ResponseHeader(Incident Incident, string Heading)
{
    public const string Scoping = "Scoping";
    public const string Containment = "Containment";
    public const string Notification = "Notification";

    public IReadOnlyList<(string Title, string Path)> Tabs =>
    [
        (Scoping, $"/incidents/{Incident.Id}/scoping"),
        (Containment, $"/incidents/{Incident.Id}/containment"),
        (Notification, $"/incidents/{Incident.Id}/notifications"),
    ];
}
