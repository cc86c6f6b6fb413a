namespace CaseManagement.Notifications.Templates;

/// <summary>
/// Renders notices strictly: a syntax error, an unknown variable or member (anywhere in the template, not only on the
/// path a recipient takes) or an unknown filter refuses the template instead of sending a notice with a gap in it.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>Parses and checks a template once, for rendering it for every recipient of a campaign.</summary>
    /// <exception cref="TemplateRenderException">The template cannot be rendered for anybody.</exception>
    public static PreparedTemplate Prepare(NotificationTemplate template)
    {
        var sources = TemplateSources.Parse(template);
        if (sources.Problems.Count > 0) throw new TemplateRenderException(sources.Problems);
        return new PreparedTemplate(sources);
    }

    /// <exception cref="TemplateRenderException">Nothing may be sent with this template for this recipient.</exception>
    public static RenderedMessage Render(NotificationTemplate template, TemplateModel model) => Prepare(template).Render(model);
}
