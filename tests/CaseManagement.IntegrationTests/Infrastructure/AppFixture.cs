using Alba;
using MailSink;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// One service host for the whole run, on real PostgreSQL, with the async daemon distributed by Wolverine as in
/// production (ADR 25), so a test that waits for a projection also proves the daemon runs here.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>
    /// Where this run's evidence bundles are written; emptied when the run starts. One folder per test database and server
    /// port, so runs against different databases, or of checkouts with their own servers (CM_PG_PORT), on one machine do
    /// not empty each other's.
    /// </summary>
    public static string EvidenceRoot { get; } = EvidenceRootOf(new Npgsql.NpgsqlConnectionStringBuilder(TestDatabases.Marten));

    private static string EvidenceRootOf(Npgsql.NpgsqlConnectionStringBuilder database) =>
        Path.Combine(Path.GetTempPath(), $"casemanagement-test-evidence-{database.Port}-{database.Database}");

    /// <summary>The SMTP server the service sends notices to (127.0.0.1, a free port), started before the host.</summary>
    public SmtpSink Mail { get; } = SmtpSink.Start();

    /// <summary>What a Prometheus scraper sends as its bearer token for /metrics.</summary>
    public const string MetricsScrapeToken = "test-scrape-token-not-a-secret";

    /// <summary>Everything the service logged, so tests can prove secrets never reach a log.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await TestHosts.DropSchemasAsync(TestDatabases.Marten);
        if (Directory.Exists(EvidenceRoot))
        {
            Directory.Delete(EvidenceRoot, recursive: true);
        }

        Host = await TestHosts.StartAsync(TestDatabases.Marten, Logs, new Dictionary<string, string>
        {
            // The role matrix alone fails authentication hundreds of times; the throttle has its own host.
            ["Security:AuthenticationFailures:PermitLimit"] = "100000",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            // Scenarios here use past dates, so every deadline would be escalated as missed while they
            // count events; escalations have their own database and host (EscalationFixture).
            ["Escalation:Enabled"] = "false",
            // A step against an unreachable shop gives up after three quick attempts instead of minutes.
            ["Containment:RetryBackoffSeconds"] = "0.2,0.2",
            ["Evidence:Root"] = EvidenceRoot,
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Tls"] = "None",
            ["Notifications:Smtp:From"] = "notices@shop.test",
            ["Notifications:Smtp:FromName"] = "Shop incident response",
            ["Notifications:SendRetryDelaysSeconds"] = "0.1,0.1",
            ["Telemetry:Metrics:ScrapeToken"] = MetricsScrapeToken,
            ["Telemetry:SampleSeconds"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "service";
}

/// <summary>Base for scenarios against the running service.</summary>
[Collection(ServiceCollection.Name)]
public abstract class ServiceScenario(AppFixture fixture)
{
    /// <summary>The organisation most scenarios act in; isolation tests add others.</summary>
    public const string Organisation = "acme";

    protected IAlbaHost Host => fixture.Host;

    protected CapturedLogs Logs => fixture.Logs;

    protected SmtpSink Mail => fixture.Mail;

    /// <summary>A responder who is also the compliance lead: may do everything on an incident.</summary>
    protected IncidentApi Api => ApiAs(IncidentApi.Responder, Organisation, Roles.Responder, Roles.ComplianceLead);

    protected IncidentApi ApiAs(string subject, string organisation, params string[] roles) =>
        new(fixture.Host, TokenFor(subject, organisation, roles));

    protected string TokenFor(string subject, string organisation, params string[] roles) =>
        fixture.Host.Services.GetRequiredService<DevTokenIssuer>().Issue(subject, organisation, roles, TimeSpan.FromHours(1));
}
