using CaseManagement.Audit.Chain;
using CaseManagement.Feed;
using JasperFx;
using JasperFx.Events;
using Marten;
using CaseManagement.Obligations;
using JasperFx.MultiTenancy;
using Weasel.Core;

namespace CaseManagement.Infrastructure;

public static class EventStoreConfiguration
{
    public const string Schema = "casemanagement";

    /// <summary>The store-wide settings; each module declares its own streams, projections and documents (<see cref="Modules"/>).</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        var marten = services.AddMarten(sp =>
            {
                var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Marten");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "ConnectionStrings:Marten is not set. Start the local databases with build/run.sh, or set ConnectionStrings__Marten to your PostgreSQL server.");
                }

                // Development and tests migrate on start; elsewhere `resources setup` applies the schema.
                var opts = Options(connectionString, sp.GetRequiredService<TimeProvider>(), environment.IsProduction() ? AutoCreate.None : AutoCreate.CreateOrUpdate);
                // Every event is linked into its stream's hash chain in the transaction that appends it (ADR 21).
                opts.Listeners.Add(new ChainLinker(sp.GetRequiredService<ILogger<ChainLinker>>()));
                return opts;
            })
            .UseLightweightSessions()
            // Wolverine's leader spreads the async projections and subscriptions over the live nodes and moves a dead
            // node's share to the others (ADR 25); Marten's HotCold would run them all on the first node to start.
            .IntegrateWithWolverine(x =>
            {
                x.MessageStorageSchemaName = "wolverine";
                x.UseWolverineManagedEventSubscriptionDistribution = true;
            });
        FeedModule.SubscribeToEvents(marten, configuration);
        ObligationsModule.SubscribeToEvents(marten, configuration);
        Paging.PagingModule.SubscribeToEvents(marten);

        return services;
    }

    /// <summary>The service's store mapping (the service adds its chain-linking listener); the benchmarks read and write through this.</summary>
    public static StoreOptions Options(string connectionString, TimeProvider clock, AutoCreate autoCreate)
    {
        var opts = new StoreOptions();
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        opts.AutoCreateSchemaObjects = autoCreate;

        // Conjoined tenancy: every event and document row carries its organisation (ADR 5).
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Recording times come from the service's clock, the one commands answer with.
        opts.Events.TimeProvider = clock;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        // Each advisory lock held by a transaction on its own connection; checked with the real
        // Patched.DistributedLock.Postgres 1.3.3 as well as the older upstream 1.3.1.
        opts.Events.UseAdvisoryLockTransaction = true;

        Modules.ConfigureStore(opts);
        return opts;
    }
}
