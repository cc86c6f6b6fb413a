namespace CaseManagement.Feed.Broker;

/// <summary>
/// Settings under "Feed:RabbitMq" (ADR 29, docs/integrator-feed.md): where the feed is published for the organisations that
/// opted in. Without a <see cref="Uri"/> the service has no broker transport at all.
/// </summary>
public sealed class FeedBrokerOptions
{
    public const string Section = "Feed:RabbitMq";

    /// <summary>The broker, e.g. amqp://user:password@host:5672/vhost.</summary>
    public string? Uri { get; set; }

    /// <summary>The topic exchange the events are published to; routing key "&lt;organisation&gt;.&lt;feed type&gt;".</summary>
    public string Exchange { get; set; } = "casemanagement.feed";

    /// <summary>The organisations whose events are published (opt-in); nobody's unless named.</summary>
    public List<string> Organisations { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Uri) && Organisations.Count > 0;

    public static FeedBrokerOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<FeedBrokerOptions>() ?? new FeedBrokerOptions();
}
