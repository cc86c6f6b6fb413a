using CaseManagement.Feed.Broker;
using CaseManagement.Feed.Delivering;
using CaseManagement.Feed.Subscribing;
using Marten;
using Wolverine;
using Wolverine.RabbitMQ;

namespace CaseManagement.Feed;

/// <summary>The integrator feed: CloudEvents over signed webhooks and a pull API (docs/adr/0013-integrator-feed.md).</summary>
public static class FeedModule
{
    public const string DeliveryQueue = "integrator-feed";

    public static IServiceCollection AddIntegratorFeed(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FeedOptions.Section);
        var options = section.Get<FeedOptions>() ?? new FeedOptions();
        services.Configure<FeedOptions>(section);
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = options.DeliveryTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookSender.Handler(options.AllowPrivateTargets));
        return services.AddSingleton<WebhookSender>();
    }

    /// <summary>
    /// One durable queue, one message at a time: a subscription's deliveries never overtake each other, and a failing
    /// target only costs the others one attempt's timeout before its retry is scheduled with backoff.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts, IConfiguration configuration)
    {
        opts.PublishMessage<DeliverFeed>().ToLocalQueue(DeliveryQueue);
        // A person's change to a subscription is invoked inline; it only shares the subscription document with deliveries.
        opts.PublishMessage<ChangeSubscription>().Locally();
        opts.LocalQueue(DeliveryQueue).Sequential();

        // The broker transport exists only where an operator configured it (ADR 29): a default run never connects to one.
        var broker = FeedBrokerOptions.From(configuration);
        if (broker.Enabled)
        {
            opts.UseRabbitMq(new Uri(broker.Uri!)).AutoProvision();
            opts.PublishMessage<CloudEvent>().ToRabbitTopics(broker.Exchange).UseDurableOutbox().DefaultSerializer(new CloudEventsJson());
        }
    }

    /// <summary>The feed's Marten subscriptions: webhook wake-ups always, broker publishing for the organisations that opted in.</summary>
    public static void SubscribeToEvents(MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        marten.SubscribeToEvents(new FeedDispatch());
        if (FeedBrokerOptions.From(configuration) is { Enabled: true } broker)
        {
            marten.SubscribeToEvents(new BrokerFeedPublisher(broker.Organisations.ToHashSet(StringComparer.Ordinal)));
        }
    }

    public static void ConfigureStore(StoreOptions opts) => opts.Schema.For<FeedSubscription>();
}
