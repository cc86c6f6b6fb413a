namespace CaseManagement.Notifications.Templates;

/// <summary>A template's subject and body parsed and checked together, with the problems that apply to the template as a whole.</summary>
internal sealed class TemplateSources
{
    private TemplateSources(NotificationTemplate template, LiquidSource? subject, LiquidSource body, IReadOnlyList<TemplateProblem> problems)
    {
        Template = template;
        Subject = subject;
        Body = body;
        Problems = problems;
    }

    public NotificationTemplate Template { get; }

    public LiquidSource? Subject { get; }

    public LiquidSource Body { get; }

    /// <summary>Syntax, unknown names and channel rules; empty when the template can be rendered.</summary>
    public IReadOnlyList<TemplateProblem> Problems { get; }

    public bool Parsed => Body.Parsed && Subject?.Parsed != false;

    /// <summary>Model fields the subject or body refers to.</summary>
    public IReadOnlySet<string> Fields => Body.Fields.Union(Subject?.Fields ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal);

    public static TemplateSources Parse(NotificationTemplate template)
    {
        var subject = template.Subject is null ? null : LiquidSource.Parse("subject", template.Subject);
        var body = LiquidSource.Parse("body", template.Body);
        var problems = new List<TemplateProblem>();
        problems.AddRange(ChannelProblems(template));
        problems.AddRange(subject?.Problems ?? []);
        problems.AddRange(body.Problems);
        return new TemplateSources(template, subject, body, problems);
    }

    private static IEnumerable<TemplateProblem> ChannelProblems(NotificationTemplate template)
    {
        if (template.Channel == NotificationChannel.Email && string.IsNullOrWhiteSpace(template.Subject))
            yield return new TemplateProblem("subject", "an email notice needs a subject");
        if (template.Channel == NotificationChannel.Sms && template.Subject is not null)
            yield return new TemplateProblem("subject", "an SMS has no subject; leave it empty (null)");
        if (string.IsNullOrWhiteSpace(template.Body))
            yield return new TemplateProblem("body", "the body is empty");
    }
}
