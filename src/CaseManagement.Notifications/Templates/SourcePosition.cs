using System.Text.RegularExpressions;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// Finds where a name occurs in a template's Liquid markup, for problems Fluid reports without a position
/// (unknown variables and filters come from the syntax tree or from rendering, neither of which keeps offsets).
/// </summary>
internal static partial class SourcePosition
{
    public static (int Line, int Column)? FirstIn(string text, Regex pattern)
    {
        foreach (Match markup in Markup().Matches(text))
        {
            var found = pattern.Match(markup.Value);
            if (found.Success) return At(text, markup.Index + found.Index);
        }
        return null;
    }

    /// <summary>One-based line and column of a character offset, as Fluid reports them for syntax errors.</summary>
    public static (int Line, int Column) At(string text, int offset)
    {
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        return (text.AsSpan(0, offset).Count('\n') + 1, offset - lineStart + 1);
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Markup();
}
