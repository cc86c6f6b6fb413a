using System.Globalization;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Detection;

/// <summary>Reading detection rows and wording their reasons alike on both platforms.</summary>
internal static class Detected
{
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string CreatedSince(DateTimeOffset created, DateTimeOffset since) => $"created {Stamp(created)}, on or after {Stamp(since)}";

    /// <summary>Runs one read-only query through <see cref="ShopQuery"/>; detection results are small enough to hold.</summary>
    public static Task<List<T>> ListAsync<T>(ShopConnectionSettings shop, TimeSpan? statementTimeout, Func<MySqlConnection, MySqlCommand> query,
        Func<MySqlDataReader, T> map, CancellationToken ct) =>
        ShopQuery.StreamAsync(shop, statementTimeout, (connection, _, _) => Task.FromResult(query(connection)), map, ct).ToListAsync(ct).AsTask();

    public static string Id(MySqlDataReader r, int i) => r.GetInt64(i).ToString(CultureInfo.InvariantCulture);

    public static string? Text(MySqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? Number(MySqlDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>A DATETIME the platform writes in UTC (the *_gmt columns), or a TIMESTAMP read in the UTC session.</summary>
    public static DateTimeOffset? Utc(MySqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    /// <summary>Unix seconds as WordPress stores them in serialized meta; null when out of range, as only a corrupted value would be.</summary>
    public static DateTimeOffset? FromUnixTime(long seconds) =>
        seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Binds <c>@since</c> as UTC, which the session's UTC time zone compares directly with DATETIME *_gmt and TIMESTAMP columns.</summary>
    public static MySqlCommand WithSince(MySqlCommand command, DateTimeOffset since)
    {
        command.Parameters.AddWithValue("@since", since.UtcDateTime);
        return command;
    }
}

/// <summary>Detection's way of running shared queries: each in a read-only transaction of its own, failures as <see cref="ShopScopingException"/>.</summary>
internal sealed class DetectionRows(ShopConnectionSettings shop, TimeSpan? statementTimeout) : IShopRows
{
    public Task<List<T>> ListAsync<T>(Func<MySqlConnection, MySqlCommand> query, Func<MySqlDataReader, T> map, CancellationToken ct) =>
        Detected.ListAsync(shop, statementTimeout, query, map, ct);
}
