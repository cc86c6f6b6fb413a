namespace CaseManagement.Notifications.Templates;

/// <summary>
/// A template that parsed and passed the static checks, ready to render for many recipients without parsing again.
/// Safe for concurrent use.
/// </summary>
public sealed class PreparedTemplate
{
    private readonly TemplateSources _sources;

    internal PreparedTemplate(TemplateSources sources) => _sources = sources;

    public NotificationTemplate Template => _sources.Template;

    /// <summary>The notice for one recipient: plain text, \n line endings, subject on one line, body without trailing whitespace.</summary>
    /// <exception cref="TemplateRenderException">Something could not be rendered, or an SMS is too long; nothing may be sent.</exception>
    public RenderedMessage Render(TemplateModel model)
    {
        var problems = new List<TemplateProblem>();
        var subject = _sources.Subject?.Render(model, problems).Trim();
        var body = _sources.Body.Render(model, problems).TrimEnd();

        if (subject is not null && subject.Contains('\n'))
            problems.Add(new TemplateProblem("subject", "the rendered subject spans several lines; a subject must be one line"));
        // After a failed render the body is empty anyway; saying so again would only be noise.
        if (body.Length == 0 && problems.Count == 0)
            problems.Add(new TemplateProblem("body", "the rendered body is empty"));
        if (Template.Channel == NotificationChannel.Sms && SmsLength.Of(body) is var (segments, encoding) && segments > SmsLength.MaxSegments)
            problems.Add(new TemplateProblem("body",
                $"the SMS is {body.Length:N0} characters, {segments} {encoding} segments; at most {SmsLength.MaxSegments} segments can be sent"));
        if (problems.Count > 0) throw new TemplateRenderException(problems);

        return new RenderedMessage(subject, body, Sha256Hex.OfUtf8($"{subject}\n\n{body}"));
    }
}
