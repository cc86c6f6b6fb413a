using CaseManagement.Alerts.Formats;
using CaseManagement.Security.Pii;

namespace CaseManagement.Alerts.Sources;

/// <summary>
/// A tool that sends alerts (a SIEM, a WAF's log shipper, a security plugin), registered by an admin with its format and a signing
/// secret. Looked up before the sender's organisation is known (a signed request carries no token), so not tenanted: it names its
/// organisation itself. The secret is stored encrypted (its own data key), never shown again.
/// </summary>
public sealed class AlertSource
{
    public Guid Id { get; set; }
    public string OrganisationId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Format { get; set; } = AlertFormats.Generic;

    /// <summary>The source's own mapping, for the generic format; the built-in formats bring theirs.</summary>
    public AlertMapping? Mapping { get; set; }

    /// <summary>The shop its alerts are about when the alert names none (or names one the table below does not know).</summary>
    public string? Shop { get; set; }

    /// <summary>What the sender calls a shop (a host name, an agent name) to the registered shop's name.</summary>
    public Dictionary<string, string> ShopNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raw payloads are kept encrypted when they may hold personal data (IPs, headers, user names, log lines).</summary>
    public bool PersonalData { get; set; } = true;

    public int MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;
    public int DeduplicationWindowMinutes { get; set; } = DefaultDeduplicationWindowMinutes;
    public int TimestampToleranceSeconds { get; set; } = DefaultTimestampToleranceSeconds;
    public ProtectedValue Secret { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public const int DefaultMaxPayloadBytes = 64 * 1024;
    public const int DefaultDeduplicationWindowMinutes = 24 * 60;
    public const int DefaultTimestampToleranceSeconds = 300;

    public static string SecretSubject(Guid id) => $"alert-source:{id:N}";

    /// <summary>The data key raw payloads of this source are encrypted under; shredding it makes them all unreadable at once.</summary>
    public static string PayloadSubject(Guid id) => $"alert-payloads:{id:N}";

    public AlertMapping EffectiveMapping => Format == AlertFormats.Generic ? Mapping! : AlertFormats.Find(Format)!.Mapping!;

    /// <summary>The registered shop a name in an alert stands for: the table's entry, or the name itself when it is a registered shop.</summary>
    public string? ShopFor(string named, IReadOnlySet<string> registered) =>
        ShopNames.TryGetValue(named.Trim(), out var shop) ? shop : registered.Contains(named.Trim()) ? named.Trim() : null;
}

/// <summary>What people see of a source: never its secret.</summary>
public sealed record AlertSourceView(Guid Id, string Name, string Format, AlertMapping? Mapping, string? Shop, IReadOnlyDictionary<string, string> ShopNames,
    bool PersonalData, int MaxPayloadBytes, int DeduplicationWindowMinutes, int TimestampToleranceSeconds, DateTimeOffset CreatedAt, string CreatedBy,
    string IntakeUrl)
{
    public static AlertSourceView Of(AlertSource s) => new(s.Id, s.Name, s.Format, s.Mapping, s.Shop, s.ShopNames, s.PersonalData, s.MaxPayloadBytes,
        s.DeduplicationWindowMinutes, s.TimestampToleranceSeconds, s.CreatedAt, s.CreatedBy, $"/api/alerts?source={s.Id}");
}
