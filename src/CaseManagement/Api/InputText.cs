using System.Globalization;

namespace CaseManagement.Api;

/// <summary>What a text value is for, which decides the characters it may hold (docs/adr/0020-hostile-input.md).</summary>
public enum TextKind
{
    /// <summary>Free text a person wrote (a note, a reason, a template body): lines and tabs allowed, right-to-left scripts too.</summary>
    Text,

    /// <summary>One line shown to people as a name or label (a title, a shop, a person): nothing invisible that changes how it reads.</summary>
    Name,

    /// <summary>A secret passed on as given (a password, a signing secret): only what cannot be stored is refused.</summary>
    Secret,
}

/// <summary>
/// The characters the API refuses, by kind of text. Refused, never silently changed: a legal record keeps exactly what a
/// person sent (templates are hashed, idempotency keys compare bodies byte for byte), so the sender is told to fix it.
/// </summary>
public static class InputText
{
    // Names ending in "name" (name, templateName) and these: what lists, pages and notices show as a label.
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "shop", "source", "responder", "agency", "description", "reference", "templateId",
        "host", "database", "user", "readOnlyUser", "tablePrefix",
    };

    /// <summary>The kind of text a JSON field holds, by its name (the same name in every command).</summary>
    public static TextKind KindOf(string field) =>
        field.Contains("password", StringComparison.OrdinalIgnoreCase) || field.Contains("secret", StringComparison.OrdinalIgnoreCase) ? TextKind.Secret
        : field.EndsWith("name", StringComparison.OrdinalIgnoreCase) || Names.Contains(field) ? TextKind.Name
        : TextKind.Text;

    /// <summary>Null when the value may be kept as it is; otherwise what is wrong with it, for a 422 under its field.</summary>
    public static string? Problem(string value, TextKind kind)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"contains an unpaired surrogate ({Code(c)}), which is not text in any encoding; send valid Unicode";
            }

            if (c == '\0')
            {
                return "contains a NUL character (U+0000), which cannot be stored; remove it";
            }

            if (kind == TextKind.Secret)
            {
                continue;
            }

            if (IsControl(c) && !(kind == TextKind.Text && c is '\t' or '\n' or '\r'))
            {
                return kind == TextKind.Name
                    ? $"contains a control character ({Code(c)}); a name is one line of visible text"
                    : $"contains a control character ({Code(c)}); only tabs and line breaks are allowed in text";
            }

            if (kind == TextKind.Name && IsBidiControl(c))
            {
                return $"contains a bidirectional-text control ({Code(c)}), which can make a name read differently from what it is; remove it";
            }
        }

        return null;
    }

    // C0, DEL and C1: nobody types them, and a terminal or a PDF renders them unpredictably.
    private static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';

    // Marks, embeddings, overrides and isolates (Unicode TR 9): invisible, and they reorder what follows them.
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Code(char c) => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
}
