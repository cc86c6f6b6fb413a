namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>Who recorded an event, as the metadata names them and as a person reads it.</summary>
/// <param name="Kind">person, api-key, system, or unrecorded.</param>
/// <param name="Id">The actor exactly as recorded ("user:sam@shop.example", "api-key:cmk_ab12cd34 (SIEM)", "system:containment").</param>
/// <param name="Name">How sentences name them.</param>
public sealed record Actor(string Kind, string Id, string Name)
{
    // The service's own workers, by the actor names they record under.
    private static readonly IReadOnlyDictionary<string, string> Workers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["containment"] = "The containment run",
        ["scoping-run"] = "The scoping run",
        ["deadline-escalation"] = "The deadline watch",
        ["notification-campaign"] = "The notification campaign",
        ["demo-seed"] = "The demo seeder",
    };

    public static Actor Of(string? recorded)
    {
        if (string.IsNullOrWhiteSpace(recorded))
        {
            return new Actor("unrecorded", "", "Someone (no actor recorded)");
        }

        var colon = recorded.IndexOf(':', StringComparison.Ordinal);
        var (prefix, rest) = colon < 0 ? ("", recorded) : (recorded[..colon], recorded[(colon + 1)..]);
        return prefix switch
        {
            "user" => new Actor("person", recorded, rest),
            "api-key" => new Actor("api-key", recorded, $"API key {rest}"),
            "system" => new Actor("system", recorded, Workers.GetValueOrDefault(rest) ?? $"The service ({rest})"),
            _ => new Actor("person", recorded, recorded),
        };
    }
}
