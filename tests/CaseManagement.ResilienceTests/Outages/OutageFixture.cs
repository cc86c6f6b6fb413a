using System.Net;
using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using MailSink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseManagement.ResilienceTests.Outages;

/// <summary>
/// The only node on a database of its own, with a mail server it can lose and find again on the same port, checkpoints
/// every three seconds so a tick falls inside every outage, and retries short enough for a test to wait them out.
/// </summary>
public sealed class OutageFixture : SoleNodeFixture, IAsyncLifetime
{
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(3);

    public OutageFixture() : this(SmtpSink.Start())
    {
    }

    private OutageFixture(SmtpSink mail) : base("casemanagement_outage_tests", new Dictionary<string, string>
    {
        ["Escalation:Enabled"] = "false",
        ["Audit:CheckpointMinutes"] = (CheckpointInterval.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Containment:RetryBackoffSeconds"] = "1,2,4,8,16",
        ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, "outages"),
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Tls"] = "None",
        ["Notifications:Smtp:From"] = "notices@shop.test",
        // Shorter than any outage here: a recipient's own retries cannot wait a mail server's restart out.
        ["Notifications:SendRetryDelaysSeconds"] = "0.2,0.5",
        ["Notifications:ChannelDownRecheckSeconds"] = "1",
    }) => Mail = mail;

    /// <summary>The mail server the node sends to now; <see cref="RestartMailAsync"/> replaces it.</summary>
    public SmtpSink Mail { get; private set; }

    /// <summary>Every message the mail servers accepted, across restarts.</summary>
    public List<ReceivedMessage> Delivered { get; } = [];

    /// <summary>Stops the mail server (connections drop, the port closes) and starts a new one on the same port when told.</summary>
    public async Task<Func<SmtpSink>> StopMailAsync()
    {
        var port = Mail.Port;
        // What the sink acknowledged is read after it stopped: a message accepted between a read and the stop would
        // otherwise count as never delivered although the service (rightly) recorded it as sent.
        await Mail.DisposeAsync();
        Delivered.AddRange(Mail.Messages);
        return () => Mail = SmtpSink.Start(new SmtpSinkOptions { Port = port });
    }

    public IReadOnlyList<ReceivedMessage> AllDelivered() => [.. Delivered, .. Mail.Messages];

    /// <summary>A WooCommerce shop with a leaked consumer key, registered with the service.</summary>
    public async Task<AttackedShop> RegisteredShopAsync()
    {
        var shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wp_");
        await ApiAs("ada.admin@shop.test", Roles.Admin).SendAsync(HttpMethod.Post, "/api/shops", shop.Registration(), 201);
        return shop;
    }

    /// <summary>An incident about the shop's leaked key, detected two hours ago; its id.</summary>
    public static async Task<Guid> LeakedKeyIncidentAsync(IncidentApi api, AttackedShop shop, string title)
    {
        var created = await api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title, shop = shop.Name, kind = "leaked-api-key", detectedAt = DateTimeOffset.UtcNow.AddHours(-2), dataCategories = new[] { "email" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    public bool IsStopping => Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    /// <summary>What a client sees for a GET: the status, the Retry-After header and the body.</summary>
    public async Task<(HttpStatusCode Status, string? RetryAfter, JsonNode? Body)> ProbeAsync(string url, IncidentApi? api = null)
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url(url);
            api?.Authenticate(x);
            x.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return ((HttpStatusCode)result.Context.Response.StatusCode, result.Context.Response.Headers.RetryAfter.ToString() is { Length: > 0 } wait ? wait : null,
            text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>Waits until /health/ready answers 200 again; fails after a minute with its last answer.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (status, _, body) = await ProbeAsync("/health/ready");
            if (status == HttpStatusCode.OK)
            {
                return clock.Elapsed;
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(1), "the service should be ready again once PostgreSQL is: {0}", body?.ToJsonString());
            await Task.Delay(250);
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageFixture>
{
    public const string Name = "outages";
}
