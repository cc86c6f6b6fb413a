using CaseManagement.Paging.Acknowledging;
using CaseManagement.Paging.Delivering;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Roster;
using CaseManagement.Paging.Triggers;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace CaseManagement.Paging;

/// <summary>
/// People paged (docs/adr/0032): the on-call roster per organisation, pages for what needs a person now (critical alerts, missed
/// triage SLAs, deadline escalations, approvals waiting) by e-mail and signed chat webhook, acknowledged by link or API, and
/// escalated to the next person when nobody answers. Pages are their own streams.
/// </summary>
public static class PagingModule
{
    /// <summary>Raising: one at a time, so two causes of one page (a critical item and its next critical alert) never race.</summary>
    public const string RaiseQueue = "paging";

    /// <summary>Sending and escalating: several at once, each page its own stream; a slow mail server or webhook holds up only its page.</summary>
    public const string DeliveryQueue = "paging-deliveries";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<OnCallRoster>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Page>(SnapshotLifecycle.Inline);
        opts.Schema.For<Page>().Index(x => x.RaisedAt).Index(x => x.IncidentId);
        opts.Schema.For<PagingWebhookSecret>();
        // Links name their tenant, so the key that signs them is one for the whole service.
        opts.Schema.For<PagingLinkKey>().SingleTenanted();
    }

    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<RaisePage>().ToLocalQueue(RaiseQueue);
        opts.LocalQueue(RaiseQueue).Sequential();
        opts.PublishMessage<DeliverPage>().ToLocalQueue(DeliveryQueue);
        opts.PublishMessage<CheckPageAcknowledged>().ToLocalQueue(DeliveryQueue);
        opts.LocalQueue(DeliveryQueue).MaximumParallelMessages(4);
    }

    public static IServiceCollection AddPaging(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<PagingOptions>(configuration.GetSection(PagingOptions.Section))
        .AddSingleton<PageLinks>()
        .AddSingleton<PageSender>();

    public static void SubscribeToEvents(MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.SubscribeToEvents(new PagingSubscription());
}
