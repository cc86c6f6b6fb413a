using CaseManagement.Incidents;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>The head of the response pages: which incident, where it stands, and the incident's tabs (IncidentTabs).</summary>
public sealed record ResponseHeader(Incident Incident, string Heading)
{
    public const string Scoping = "Scoping";
    public const string Containment = "Containment";
    public const string Notification = "Notification";
}
