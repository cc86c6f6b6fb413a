using CaseManagement.Infrastructure;
using Marten;
using Npgsql;
using Weasel.Postgresql;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// One token bucket per campaign for the whole cluster, kept as a row in PostgreSQL (ADR 36): every node sending a campaign's
/// batches takes its turns from the same bucket, so the campaign's rate per minute is the provider account's rate however many
/// nodes send. The bucket holds a second's worth of sends and refills at the campaign's rate on PostgreSQL's clock, the one clock
/// all nodes share. Each send reserves its turn in one statement: the row lock orders the reservations, and a reservation past
/// the tokens left is told how long to wait for its turn (the bucket goes into debt for it, so later ones wait behind it).
/// </summary>
public sealed class CampaignRateLimiters(IDocumentStore store, TimeProvider clock)
{
    public const string Table = "campaign_send_buckets";
    private static readonly string Qualified = $"{EventStoreConfiguration.Schema}.{Table}";

    public static void ConfigureStore(StoreOptions opts)
    {
        var buckets = new Weasel.Postgresql.Tables.Table(PostgresqlProvider.Instance.Parse(opts.DatabaseSchemaName, Table));
        buckets.AddColumn<Guid>("campaign_id").AsPrimaryKey();
        buckets.AddColumn<double>("tokens").NotNull();
        buckets.AddColumn<DateTimeOffset>("refilled_at").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(buckets);
    }

    /// <summary>Waits until the campaign may send one more notice, counting every node's sends.</summary>
    public async Task WaitTurnAsync(Campaign campaign, CancellationToken ct)
    {
        var wait = await ReserveAsync(campaign.Id, campaign.RatePerMinute, ct);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }
    }

    /// <returns>How long to wait before sending: zero while the bucket has tokens.</returns>
    public async Task<TimeSpan> ReserveAsync(Guid campaignId, int ratePerMinute, CancellationToken ct)
    {
        var perSecond = ratePerMinute / 60.0;
        var capacity = Math.Max(1, Math.Ceiling(perSecond));
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(Marten.Storage.StorageFeatures), ct);
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var reserve = new NpgsqlCommand(
            $"insert into {Qualified} as b (campaign_id, tokens, refilled_at) values ($1, $2 - 1, clock_timestamp()) " +
            "on conflict (campaign_id) do update set " +
            "tokens = least($2, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at)::float8 * $3) - 1, refilled_at = clock_timestamp() " +
            "returning tokens", connection)
        {
            Parameters = { new() { Value = campaignId }, new() { Value = capacity }, new() { Value = perSecond } },
        };
        var tokens = (double)(await reserve.ExecuteScalarAsync(ct))!;
        return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
    }
}
