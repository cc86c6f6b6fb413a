namespace CaseManagement.Shops.Evidence;

internal static class SqlText
{
    public static string Identifier(string name) => $"`{name.Replace("`", "``", StringComparison.Ordinal)}`";

    /// <summary>Text for a <c>--</c> comment line; a line break in a name the shop chose must not end the comment and become SQL.</summary>
    public static string Comment(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
