using System.Globalization;

namespace CaseManagement.Rules.Tests.Deadlines;

/// <summary>Parses the ISO 8601 instants and dates the specification tables are written in.</summary>
internal static class Instants
{
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
