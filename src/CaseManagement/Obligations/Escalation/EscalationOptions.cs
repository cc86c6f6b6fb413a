namespace CaseManagement.Obligations.Escalation;

/// <summary>When "deadline approaching" is raised: configuration section <c>Escalation</c>.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    public static readonly IReadOnlyList<int> DefaultLeadHours = [24, 4];

    /// <summary>
    /// False on a node that must not escalate, for example a copy restored for an investigation: it would
    /// otherwise append "missed" to every old incident it finds.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hours before a deadline to raise "approaching", e.g. <c>Escalation__LeadHours__0=24</c>. Defaults to 24 and 4.</summary>
    // Nullable array: the configuration binder appends to a pre-filled collection instead of replacing it.
    public int[]? LeadHours { get; set; }

    public IReadOnlyList<int> EffectiveLeadHours()
    {
        var leads = LeadHours is { Length: > 0 } configured ? configured : DefaultLeadHours;
        if (leads.Any(h => h is < 1 or > 24 * 90))
        {
            throw new InvalidOperationException($"Escalation:LeadHours must be whole hours between 1 and {24 * 90}; got {string.Join(", ", leads)}.");
        }

        return [.. leads.Distinct().OrderDescending()];
    }
}
