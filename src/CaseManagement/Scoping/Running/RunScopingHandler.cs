using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using System.Text.Json;
using CaseManagement.Operations.Telemetry;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops.Scoping;
using Marten;
using JasperFx.Core;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Scoping.Running;

/// <summary>Run one requested scoping run.</summary>
public sealed record RunScoping(Guid IncidentId, Guid RunId);

/// <summary>
/// Runs one scoping run: reads the shop with its read-only user, stores each affected person (contact
/// encrypted) in batches, and records the outcome on the run's stream, telling the incident in the same transaction.
/// Failures the shop causes (unreachable, refused, unexpected schema) are recorded with their reason and nothing else;
/// the run can be started again. Failures on our side are retried by Wolverine, and a redelivered run overwrites its own
/// records; when the retries run out the run is recorded as failed with the reason, so no run stays "running" for good.
/// </summary>
public static class RunScopingHandler
{
    public const string Actor = "system:scoping-run";
    private const int Batch = 500;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public static void Configure(HandlerChain chain)
    {
        // A big shop takes minutes to read; Wolverine's default cancels a handler after 60 s.
        chain.ExecutionTimeoutInSeconds = (int)TimeSpan.FromHours(2).TotalSeconds;
        // Our database gets time to come back; anything else (a shredded credential, a defect) gets one more try. Then
        // the message goes to the dead letters and the run ends as failed, saying why.
        chain.OnException<NpgsqlException>().RetryWithCooldown(1.Seconds(), 5.Seconds(), 30.Seconds())
            .Then.MoveToErrorQueue().And(RecordFailureAsync, "record the scoping run as failed");
        chain.OnAnyException().RetryWithCooldown(1.Seconds())
            .Then.MoveToErrorQueue().And(RecordFailureAsync, "record the scoping run as failed");
    }

    private static async ValueTask RecordFailureAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception failure)
    {
        if (lifecycle.Envelope?.Message is not RunScoping message)
        {
            return;
        }

        await using var session = runtime.Services.GetRequiredService<IDocumentStore>().LightweightSession(lifecycle.Envelope.TenantId!);
        session.LastModifiedBy = Actor;
        if (await session.LoadAsync<ScopingRun>(message.RunId) is not { Status: ScopingRunStatus.Running })
        {
            return;
        }

        var scanned = (await session.LoadAsync<ScopingRunProgress>(message.RunId))?.OrdersScanned ?? 0;
        session.Events.Append(message.RunId, new ScopingRunFailed(message.IncidentId, message.RunId,
            $"The run stopped on a failure on our side and was moved to the dead letters (GET /api/admin/dead-letters): {failure.GetType().Name}: {failure.Message} " +
            "Nothing it found was recorded; fix the cause, then start a new run.", scanned));
        await session.SaveChangesAsync();
    }

    public static async Task<RecordScopingOutcome?> Handle(RunScoping message, IDocumentSession session, IDocumentStore store, PiiVault vault,
        MasterKeyRing ring, TimeProvider clock, ILogger<RunScoping> logger, CancellationToken ct)
    {
        var tenant = session.TenantId;
        session.LastModifiedBy = Actor;
        if (await session.LoadAsync<ScopingRun>(message.RunId, ct) is not { } request)
        {
            logger.LogWarning("Scoping run {RunId} of incident {IncidentId} was never started; dropped", message.RunId, message.IncidentId);
            return null;
        }

        if (request.Status != ScopingRunStatus.Running)
        {
            return null;
        }

        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var progress = new ScopingRunProgress { Id = message.RunId, IncidentId = message.IncidentId, StartedAt = started, UpdatedAt = started };
        var tally = new ScopeTally();
        var platform = "unknown";
        try
        {
            if (await session.LoadAsync<RegisteredShop>(request.Shop, ct) is not { } shop)
            {
                throw new ShopScopingException($"Shop '{request.Shop}' is not registered in this organisation; register it, then start a new run.");
            }

            platform = RegisteredShop.PlatformName(shop.Platform);
            var settings = await shop.ReadSettingsAsync(vault, session, ct);
            await SaveProgressAsync(store, tenant, progress, ct);
            // A first attempt copies its people in; a redelivered one (or one racing a stale attempt elsewhere) overwrites, so however the
            // attempts interleave, the run's records end up complete and each person once.
            var mode = await session.Query<AffectedPersonRecord>().AnyAsync(p => p.RunId == request.Id, ct)
                ? BulkInsertMode.OverwriteExisting
                : BulkInsertMode.InsertsOnly;
            var scope = new ScopeRequest(request.From, request.To, request.DataCategories.ToHashSet(StringComparer.Ordinal));
            var lastReport = watch.Elapsed;
            var live = new Callback(p =>
            {
                CaseManagementMetrics.ScopingRowsRead(platform, p.RowsScanned - progress.OrdersScanned);
                (progress.OrdersScanned, progress.PeopleFound) = (p.RowsScanned, p.PeopleFound);
            });

            // Reading the shop and storing people overlap: while one batch is encrypted and copied into PostgreSQL, the next is
            // read from the shop. A few batches wait at most, so memory stays flat however big the shop.
            var batches = Channel.CreateBounded<List<AffectedPerson>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var storing = StoreBatchesAsync(batches.Reader, store, tenant, vault, ring, request, mode, stop);
            Exception? readFailure = null;
            try
            {
                var batch = new List<AffectedPerson>(Batch);
                await foreach (var person in ShopScopers.For(settings).AffectedPeopleAsync(scope, live, stop.Token))
                {
                    tally.Add(person);
                    batch.Add(person);
                    if (batch.Count == Batch)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<AffectedPerson>(Batch);
                    }

                    if (watch.Elapsed - lastReport > ProgressInterval)
                    {
                        lastReport = watch.Elapsed;
                        progress.UpdatedAt = clock.GetUtcNow();
                        await SaveProgressAsync(store, tenant, progress, stop.Token);
                    }
                }

                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                readFailure = ex;
                batches.Writer.TryComplete();
                await stop.CancelAsync();
            }

            try
            {
                await storing;
            }
            catch (Exception) when (readFailure is not null and not OperationCanceledException)
            {
                // Reading failed and stopped the storing: the read failure is the one to report.
            }

            if (readFailure is not null)
            {
                ExceptionDispatchInfo.Throw(readFailure);
            }
        }
        catch (ShopScopingException ex)
        {
            logger.LogWarning("Scoping run {RunId} of incident {IncidentId} failed: {Reason}", message.RunId, message.IncidentId, ex.Message);
            session.Events.Append(message.RunId, new ScopingRunFailed(message.IncidentId, message.RunId, ex.Message, progress.OrdersScanned));
            CaseManagementMetrics.ScopingRunFinished(platform, "failed");
            return new RecordScopingOutcome(message.IncidentId, message.RunId);
        }

        progress.UpdatedAt = clock.GetUtcNow();
        await SaveProgressAsync(store, tenant, progress, ct);
        var completed = new ScopingRunCompleted(message.IncidentId, message.RunId, progress.OrdersScanned, tally.People, tally.ResidenceUnknown,
            new SortedDictionary<string, long>(tally.ByJurisdiction.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, long>(tally.ByCategory.ToDictionary(), StringComparer.Ordinal), Math.Round(watch.Elapsed.TotalSeconds, 3));
        session.Events.Append(message.RunId, completed);
        CaseManagementMetrics.ScopingRunFinished(platform, "completed");
        logger.LogInformation("Scoping run {RunId} of incident {IncidentId}: {People} people from {Orders} orders in {Seconds} s",
            message.RunId, message.IncidentId, tally.People, progress.OrdersScanned, completed.Seconds);
        return new RecordScopingOutcome(message.IncidentId, message.RunId);
    }

    private static async Task SaveProgressAsync(IDocumentStore store, string tenant, ScopingRunProgress progress, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        session.Store(progress);
        await session.SaveChangesAsync(ct);
    }

    private static async Task StoreBatchesAsync(ChannelReader<List<AffectedPerson>> batches, IDocumentStore store, string tenant, PiiVault vault,
        MasterKeyRing ring, ScopingRun request, BulkInsertMode mode, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in batches.ReadAllAsync(stop.Token))
            {
                await StorePeopleAsync(store, tenant, vault, ring, request, batch, mode, stop.Token);
            }
        }
        catch
        {
            // Reading stops too: a run whose people cannot be stored fails as a whole and is retried (see Configure).
            await stop.CancelAsync();
            throw;
        }
    }

    private static async Task StorePeopleAsync(IDocumentStore store, string tenant, PiiVault vault, MasterKeyRing ring, ScopingRun request,
        IReadOnlyList<AffectedPerson> people, BulkInsertMode mode, CancellationToken ct)
    {
        // People without an email cannot be notified by mail, but they count; their key names the order instead.
        var subjects = people.Select(p => ring.SubjectIdForEmail(string.IsNullOrWhiteSpace(p.Email) ? p.Key : p.Email)).ToList();
        await using var session = store.LightweightSession(tenant);
        var protectedValues = await vault.ProtectManyAsync(session,
            [.. people.Select((p, i) => (subjects[i], new[] { p.Email, Name(p), p.Phone, p.Address is null ? null : JsonSerializer.Serialize(p.Address) }))], ct);
        // Two shop keys the shop tells apart (a trailing tab, a case only .NET folds) can name one record: the later one stands, as one
        // COPY must not carry an id twice. Across batches, the copy fails and the retry overwrites (see Handle).
        var records = new Dictionary<string, AffectedPersonRecord>(people.Count, StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var values = protectedValues[i];
            var id = $"{request.Id:N}:{ring.SubjectIdForEmail(p.Key)}";
            records[id] = new AffectedPersonRecord
            {
                // Keyed like the subject id, so the document id reveals no email; two accounts may share one.
                Id = id,
                RunId = request.Id,
                IncidentId = request.IncidentId,
                SubjectId = subjects[i],
                Email = values[0] ?? values[1] ?? throw new InvalidOperationException("a person without email or name cannot be stored"),
                Name = values[1],
                Phone = values[2],
                PostalAddress = values[3],
                Jurisdiction = p.Residence.Jurisdiction,
                ResidenceSource = p.Residence.Source,
                DataCategories = [.. p.DataCategories],
                Orders = p.Orders,
                LastOrderAt = p.LastOrderAt,
            };
        }

        // COPY: hundreds of upserts per batch were most of a big run's time (docs/benchmarks.md, headline).
        await store.BulkInsertAsync(tenant, records.Values, mode, cancellation: ct);
    }

    private static string? Name(AffectedPerson p) => string.Join(' ', new[] { p.FirstName, p.LastName }.Where(n => n is not null)) is { Length: > 0 } n ? n : null;

    // Progress<T> would post to the thread pool; the run reads the numbers on its own flow, so report synchronously.
    private sealed class Callback(Action<ScopeProgress> report) : IProgress<ScopeProgress>
    {
        public void Report(ScopeProgress value) => report(value);
    }
}
