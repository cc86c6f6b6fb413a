using CaseManagement.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// The integrator feed alone on its own database, with private targets allowed (the subscribers listen on loopback) and
/// retries seconds apart: failing, dead-lettering and restarts are real, just quick.
/// </summary>
public sealed class FeedFixture() : SoleNodeFixture("casemanagement_feed_tests", new Dictionary<string, string>
{
    // Deadline escalations would add events to the incidents while a scenario counts them.
    ["Escalation:Enabled"] = "false",
    ["Feed:AllowPrivateTargets"] = "true",
    ["Feed:DeliveryTimeoutSeconds"] = "5",
    ["Feed:RetryBaseDelaySeconds"] = "0.2",
    ["Feed:RetryMaxDelaySeconds"] = "2",
    ["Feed:DeadLetterAfterAttempts"] = "4",
    // A few events per wake-up, so a backlog takes several, as a big one does in production.
    ["Feed:EventsPerWake"] = "5",
})
{
    /// <summary>A caller of any organisation, on the current host (a restart replaces it).</summary>
    public IncidentApi ApiFor(string organisation, string subject, params string[] roles) =>
        new(Host, Host.Services.GetRequiredService<DevTokenIssuer>().Issue(subject, organisation, roles, TimeSpan.FromHours(1)));
}

[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedFixture>
{
    public const string Name = "integrator-feed";
}
