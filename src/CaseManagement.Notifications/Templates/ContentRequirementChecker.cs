namespace CaseManagement.Notifications.Templates;

/// <summary>
/// Checks a template's source (not one recipient's rendering) against a jurisdiction's content requirements:
/// what the author wrote is what every recipient gets.
/// </summary>
internal static class ContentRequirementChecker
{
    public static IEnumerable<TemplateProblem> Check(TemplateSources sources, ContentRequirementSet requirements)
    {
        var headingLines = HeadingLines(sources.Body.Text);
        var fields = sources.Fields;
        var subject = sources.Template.Subject ?? "";

        foreach (var requirement in requirements.Requirements.Where(r => !Satisfied(r, headingLines, fields, subject)))
        {
            var field = requirement.SubjectMayCarry && sources.Template.Channel == NotificationChannel.Email ? "subject" : "body";
            yield return new TemplateProblem(field, $"{requirement.What} is required{Ways(requirement)} ({requirement.Rule})");
        }

        // Only headings that are present can be out of order; a missing one is reported above.
        var previous = (Heading: "", Line: 0);
        foreach (var requirement in requirements.InOrder)
        {
            if (FirstLine(requirement, headingLines) is not { } line) continue;
            var heading = requirement.Headings[0];
            if (line < previous.Line)
                yield return new TemplateProblem("body",
                    $"heading '{heading}' must come after heading '{previous.Heading}' ({requirement.Rule})", line, 1);
            else
                previous = (heading, line);
        }
    }

    private static bool Satisfied(ContentRequirement requirement, IReadOnlyDictionary<string, int> headingLines, IReadOnlySet<string> fields, string subject) =>
        FirstLine(requirement, headingLines) is not null
        || requirement.Fields.Any(fields.Contains)
        || (requirement.SubjectMayCarry && requirement.Headings.Any(h => subject.Contains(h, StringComparison.OrdinalIgnoreCase)));

    private static int? FirstLine(ContentRequirement requirement, IReadOnlyDictionary<string, int> headingLines) =>
        requirement.Headings.Select(h => headingLines.TryGetValue(AsHeading(h), out var line) ? line : (int?)null).Min();

    // How the author can satisfy a field requirement; a heading-only requirement already names its heading.
    private static string Ways(ContentRequirement requirement) =>
        requirement.Fields.Count == 0
            ? ""
            : ": use " + string.Join(" or ", requirement.Fields.Select(f => $"{{{{ {f} }}}}"))
              + string.Concat(requirement.Headings.Take(1).Select(h => $", or a heading '{h}'"));

    /// <summary>Each distinct heading-like line of the body with its first one-based line number.</summary>
    private static Dictionary<string, int> HeadingLines(string body)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (text, index) in body.Split('\n').Select((text, index) => (text, index)))
            lines.TryAdd(AsHeading(text), index + 1);
        return lines;
    }

    // "## What Happened?" and "What happened:" both read as the heading "what happened".
    private static string AsHeading(string line) => line.Trim().TrimStart('#').Trim().TrimEnd(':', '?', '.').Trim();
}
