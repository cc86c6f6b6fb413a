namespace CaseManagement.Notifications.Templates;

public enum NotificationChannel
{
    Email,
    Sms,
}

/// <summary>
/// One version of a notice. Immutable once approved: a change is a new version. <paramref name="Jurisdiction"/> is a
/// code the obligations engine uses ("US-CA", "DE", "EU", "GB"); its content requirements are checked before approval.
/// </summary>
/// <param name="Subject">Liquid; required for email, null for SMS.</param>
/// <param name="Body">Liquid; for email plain text (the channel may add an HTML alternative).</param>
public sealed record NotificationTemplate(
    string Id,
    int Version,
    NotificationChannel Channel,
    string Language,
    string Jurisdiction,
    string? Subject,
    string Body);

/// <summary>The person a notice goes to, as a template sees them (<c>{{ recipient.name }}</c>, …).</summary>
public sealed record RecipientFields(string? Name, string? Email, string? Phone, string? Jurisdiction, IReadOnlyList<string> DataCategories);

/// <summary>The incident as notices describe it (<c>{{ incident.what_happened }}</c>, …). Dates are UTC instants.</summary>
public sealed record IncidentFields(
    string Reference,
    string Title,
    string WhatHappened,
    DateTimeOffset? BreachStartedAt,
    DateTimeOffset? BreachEndedAt,
    DateTimeOffset DiscoveredAt,
    IReadOnlyList<string> DataCategories,
    string LikelyConsequences,
    string WhatWeAreDoing,
    string WhatYouCanDo);

/// <summary>Who sends the notice and how people reach them (<c>{{ organisation.contact_email }}</c>, …).</summary>
public sealed record OrganisationFields(string Name, string ContactEmail, string? ContactPhone, string? Website, string? PostalAddress, string? DpoContact);

public sealed record TemplateModel(RecipientFields Recipient, IncidentFields Incident, OrganisationFields Organisation);

/// <summary>A rendered notice. <paramref name="Sha256"/> (lower-case hex) is over the UTF-8 of subject, "\n\n", body: the delivery proof hashes it.</summary>
public sealed record RenderedMessage(string? Subject, string Body, string Sha256);

/// <summary>What is wrong with a template, for a 422: the field ("subject", "body"), the message, and where in the text.</summary>
public sealed record TemplateProblem(string Field, string Message, int? Line = null, int? Column = null);

/// <summary>A template failed to render for this model; nothing may be sent with it.</summary>
public sealed class TemplateRenderException(IReadOnlyList<TemplateProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
