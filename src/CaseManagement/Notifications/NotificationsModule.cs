using System.Globalization;
using System.Net;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Drafting;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Notifications.Channels;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.RegulatorSubmissions;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace CaseManagement.Notifications;

public static class NotificationsModule
{
    /// <summary>
    /// Channels are configured per node: "Notifications:Smtp" (Host, Port, Tls = None|StartTls|SslOnConnect, User, Password,
    /// From, FromName, MaxConnections) and "Notifications:Sms" (BaseUrl, ApiToken, SenderId). A channel that is not
    /// configured is not offered; a campaign asking for it fails its batches with that reason.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<CampaignRateLimiters>();
        services.AddSingleton<NotificationChannels>();
        if (SmtpOptionsFrom(configuration.GetSection($"{NotificationOptions.Section}:Smtp")) is { } smtp)
        {
            services.AddSingleton<INotificationChannel>(_ => new SmtpEmailChannel(smtp));
        }

        var sms = configuration.GetSection($"{NotificationOptions.Section}:Sms");
        if (sms["BaseUrl"] is { Length: > 0 } baseUrl)
        {
            var options = new SmsProviderOptions
            {
                BaseUrl = new Uri(baseUrl),
                ApiToken = sms["ApiToken"] ?? throw new InvalidOperationException("Notifications:Sms:ApiToken is not set."),
                SenderId = sms["SenderId"] ?? throw new InvalidOperationException("Notifications:Sms:SenderId is not set."),
            };
            services.AddHttpClient(nameof(HttpSmsChannel));
            services.AddSingleton<INotificationChannel>(sp =>
                new HttpSmsChannel(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpSmsChannel)), options));
        }

        return services;
    }

    /// <summary>An SMTP channel's settings (Host, Port, Tls, User, Password, From, FromName, MaxConnections), or null when no host is set.</summary>
    public static SmtpOptions? SmtpOptionsFrom(IConfigurationSection smtp) => smtp["Host"] is { Length: > 0 } host
        ? new SmtpOptions
        {
            Host = host,
            Port = int.Parse(smtp["Port"] ?? "587", CultureInfo.InvariantCulture),
            Tls = Enum.Parse<SmtpTlsMode>(smtp["Tls"] ?? nameof(SmtpTlsMode.StartTls), ignoreCase: true),
            Credentials = smtp["User"] is { Length: > 0 } user ? new NetworkCredential(user, smtp["Password"]) : null,
            FromAddress = smtp["From"] ?? throw new InvalidOperationException($"{smtp.Path}:From is not set: the address notices are sent from."),
            FromName = smtp["FromName"],
            MaxConnections = int.Parse(smtp["MaxConnections"] ?? "4", CultureInfo.InvariantCulture),
        }
        : null;

    /// <summary>The campaign stream's snapshot and the documents campaigns keep (also used by the recording benchmark).</summary>
    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<Campaign>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new CampaignBatchLedgerProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<Campaign>().Index(x => x.IncidentId);
        opts.Schema.For<NotificationTemplateVersion>().Index(x => x.TemplateId);
        // Completion and proofs read a campaign's records by batch; suppression finds a person's earlier notices by incident.
        opts.Schema.For<DeliveryRecord>().Index(x => x.CampaignId).Index(x => x.Batch).Index(x => x.SubjectId).Index(x => x.IncidentId);
        CampaignRateLimiters.ConfigureStore(opts);
    }

    public const string PlanningQueue = "campaign-planning";
    public const string DeliveriesQueue = "campaign-deliveries";

    /// <summary>
    /// Planning, counting and completion are short and touch a campaign's stream: one at a time. Batches talk to mail and
    /// SMS providers: several at once on their own durable queue, so a slow provider never holds up planning.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<PlanCampaign>().ToLocalQueue(PlanningQueue);
        opts.PublishMessage<RecordCampaignBatch>().ToLocalQueue(PlanningQueue);
        opts.PublishMessage<CompleteCampaign>().ToLocalQueue(PlanningQueue);
        opts.PublishMessage<RecordCampaignStarted>().ToLocalQueue(PlanningQueue);
        opts.PublishMessage<RecordCampaignOutcome>().ToLocalQueue(PlanningQueue);
        opts.LocalQueue(PlanningQueue).Sequential();
        opts.PublishMessage<SendCampaignBatch>().ToLocalQueue(DeliveriesQueue);
        opts.LocalQueue(DeliveriesQueue).MaximumParallelMessages(4);
    }

}
