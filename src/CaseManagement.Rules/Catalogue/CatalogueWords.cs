using System.Collections.Frozen;
using System.Text.Json;

namespace CaseManagement.Rules.Catalogue;

/// <summary>The catalogue writes enum values as kebab-case words ("attorney-general", "calendar-days").</summary>
public static class CatalogueWords
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? word, out T value) where T : struct, Enum =>
        Table<T>.ByWord.TryGetValue(word ?? "", out value);

    public static IEnumerable<string> All<T>() where T : struct, Enum => Table<T>.ByWord.Keys.Order(StringComparer.Ordinal);

    private static class Table<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByWord =
            Enum.GetValues<T>().ToFrozenDictionary(v => Of(v), StringComparer.Ordinal);
    }
}
