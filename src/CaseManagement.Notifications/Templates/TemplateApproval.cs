namespace CaseManagement.Notifications.Templates;

/// <summary>
/// Whether a template version may be approved: it renders (tried on the <see cref="SampleModel"/>), says what its
/// jurisdiction requires, and is in the language that jurisdiction requires. A catch-all template ("*") is checked
/// against <see cref="ContentRequirements.Generic"/>.
/// </summary>
public static class TemplateApproval
{
    /// <summary>Every problem found; empty when the template may be approved.</summary>
    public static IReadOnlyList<TemplateProblem> Problems(NotificationTemplate template)
    {
        var problems = new List<TemplateProblem>();
        var requirements = ContentRequirements.For(template.Jurisdiction);
        if (requirements is null)
            problems.Add(new TemplateProblem("jurisdiction",
                $"no content requirements are encoded for '{template.Jurisdiction}', so a notice for it cannot be checked or approved"));
        else if (requirements.Language is { } language && !language.AcceptedFor(template.Language))
            problems.Add(new TemplateProblem("language", $"{language.What}; this template is in '{template.Language}' ({language.Rule})"));

        var sources = TemplateSources.Parse(template);
        problems.AddRange(sources.Problems);
        if (sources.Problems.Count == 0)
        {
            try
            {
                new PreparedTemplate(sources).Render(SampleModel.For(template.Jurisdiction));
            }
            catch (TemplateRenderException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        // Field references are only known for text that parses; checking unparsed text would report every field as missing.
        if (requirements is not null && sources.Parsed)
            problems.AddRange(ContentRequirementChecker.Check(sources, requirements));
        return problems;
    }
}
