using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.NoticeTemplates;

/// <summary>
/// One version of a notice template. Drafts may be replaced by a new version; an approved version never changes, and
/// campaigns name the version (and its hash) they send.
/// </summary>
public sealed class NotificationTemplateVersion
{
    /// <summary>"{template id}:v{version}".</summary>
    public string Id { get; set; } = "";
    public string TemplateId { get; set; } = "";
    public int Version { get; set; }
    public NotificationChannel Channel { get; set; }
    public string Language { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    public string? Subject { get; set; }
    public string Body { get; set; } = "";

    /// <summary>SHA-256 (hex) of the template source: subject, "\n\n", body.</summary>
    public string Sha256 { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    public bool IsApproved => ApprovedAt is not null;

    public static string IdFor(string templateId, int version) => $"{templateId}:v{version}";

    public NotificationTemplate ToTemplate() => new(TemplateId, Version, Channel, Language, Jurisdiction, Subject, Body);
}
