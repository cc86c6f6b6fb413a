using MailSink;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// Paging alone on its own database, with its own SMTP sink and chat webhooks allowed on loopback: a roster set here pages only
/// the people of these scenarios, and no other scenario's mail is counted with theirs.
/// </summary>
public sealed class PagingFixture() : SoleNodeFixture("casemanagement_paging_tests", Settings)
{
    private static readonly SmtpSink Sink = SmtpSink.Start();

    public SmtpSink Mail => Sink;

    private static Dictionary<string, string> Settings => new()
    {
        ["Escalation:Enabled"] = "false",
        ["Feed:AllowPrivateTargets"] = "true",
        ["Feed:DeliveryTimeoutSeconds"] = "5",
        ["Paging:PublicBaseUrl"] = "https://ir.shop.test",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Tls"] = "None",
        ["Notifications:Smtp:From"] = "pages@shop.test",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PagingCollection : ICollectionFixture<PagingFixture>
{
    public const string Name = "paging";
}
