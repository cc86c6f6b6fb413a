using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace CaseManagement.Audit.Chain;

/// <summary>Settings under "Audit".</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Base64 of 32 random bytes (<c>openssl rand -base64 32</c>) that signs checkpoints. Keep it in a secret store, never
    /// in the database: whoever holds it can sign any history. Development has a local one in appsettings.Development.json.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary>How often each organisation's stream heads are signed when they moved; fractions allowed.</summary>
    public double CheckpointMinutes { get; set; } = 15;

    public ChainCheckpointSigner Signer()
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(CheckpointKey ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:CheckpointKey is not valid base64.");
        }

        return key.Length == ChainCheckpointSigner.KeyBytes
            ? new ChainCheckpointSigner(key)
            : throw new InvalidOperationException(key.Length == 0
                ? $"{Section}:CheckpointKey is not set; give it base64 of {ChainCheckpointSigner.KeyBytes} random bytes (openssl rand -base64 32) from a secret store."
                : $"{Section}:CheckpointKey must decode to {ChainCheckpointSigner.KeyBytes} bytes, not {key.Length}.");
    }

    public TimeSpan CheckpointInterval() =>
        CheckpointMinutes is > 0 and <= 24 * 60
            ? TimeSpan.FromMinutes(CheckpointMinutes)
            : throw new InvalidOperationException($"{Section}:CheckpointMinutes must be more than 0 and at most a day (1440); got {CheckpointMinutes}.");
}

/// <summary>The hash-chained history: links written with each append (ADR 21), signed checkpoints, verification (ADR 12).</summary>
public static class HashChainModule
{
    public const string CheckpointQueue = "chain-checkpoints";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Schema.For<ChainLink>().Index(x => x.StreamId);
        opts.Schema.For<ChainHead>();
        opts.Schema.For<ChainCheckpoint>().Index(x => x.At);
    }

    /// <summary>Fails at start, not at the first checkpoint, when the key or the interval is misconfigured.</summary>
    public static IServiceCollection AddHashChain(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuditOptions.Section);
        var options = section.Get<AuditOptions>() ?? new AuditOptions();
        options.CheckpointInterval();
        services.Configure<AuditOptions>(section);
        services.AddSingleton(options.Signer());
        services.AddSingleton<ChainCheckpointing>();
        services.AddSingleton<ChainVerifier>();
        services.AddHostedService<RetiredChainSubscription>();
        return services.AddHostedService<ChainCheckpointSchedule>();
    }

    /// <summary>One checkpoint run at a time: a second would only find nothing new to sign.</summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<RecordScheduledCheckpoints>().ToLocalQueue(CheckpointQueue);
        opts.LocalQueue(CheckpointQueue).Sequential();
    }
}

/// <summary>Sign every organisation's chain heads that moved since their newest valid checkpoint.</summary>
public sealed record RecordScheduledCheckpoints(DateTimeOffset Due);

public static class RecordScheduledCheckpointsHandler
{
    public static Task Handle(RecordScheduledCheckpoints message, ChainCheckpointing checkpointing, CancellationToken ct) =>
        checkpointing.RecordScheduledAsync(ct);
}

/// <summary>
/// Sends <see cref="RecordScheduledCheckpoints"/> at every multiple of the interval (UTC), on every node. Wolverine has
/// no recurring messages; the durable local queue makes each run survive a crash, and a run that finds nothing moved
/// since the newest checkpoint records nothing, so several nodes sending the same tick cost one checkpoint.
/// </summary>
public sealed class ChainCheckpointSchedule(IOptions<AuditOptions> options, IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval();
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                var due = new DateTimeOffset(now.UtcTicks - now.UtcTicks % interval.Ticks, TimeSpan.Zero) + interval;
                await Task.Delay(due - now, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new RecordScheduledCheckpoints(due));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; the next node start resumes the schedule.
        }
    }
}
