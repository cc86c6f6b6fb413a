namespace CaseManagement.Notifications.Templates;

/// <summary>
/// Example templates shipped with the product as starting points: one per content-requirement family, each meeting
/// its requirements. A file is Liquid; an email file starts with a "Subject: …" line and a blank line before the body.
/// </summary>
public static class ExampleTemplates
{
    private const string ResourcePrefix = "CaseManagement.Notifications.Templates.Examples.";
    private const string ResourceSuffix = ".liquid";
    private const string SubjectPrefix = "Subject:";

    /// <summary>"us-ca.email.en", "eu.email.en", "generic-us.email.en": family, channel, language.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ExampleTemplates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>A version-1 draft for the jurisdiction, or null when no example fits it.</summary>
    public static NotificationTemplate? For(string jurisdiction, NotificationChannel channel, string language)
    {
        if (ContentRequirements.For(jurisdiction) is not { } requirements) return null;
        var name = $"{requirements.ExampleName}.{channel.ToString().ToLowerInvariant()}.{language.ToLowerInvariant()}";
        if (!Names.Contains(name)) return null;

        var (subject, body) = Split(Read(name));
        return new NotificationTemplate($"example-{name}", 1, channel, language, requirements.Jurisdiction, subject, body);
    }

    private static (string? Subject, string Body) Split(string text)
    {
        if (!text.StartsWith(SubjectPrefix, StringComparison.Ordinal)) return (null, text);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        return (text[SubjectPrefix.Length..end].Trim(), text[(end + 2)..]);
    }

    private static string Read(string name)
    {
        using var stream = typeof(ExampleTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name + ResourceSuffix)!;
        using var reader = new StreamReader(stream);
        return PlainText.NormaliseLineEndings(reader.ReadToEnd());
    }
}
