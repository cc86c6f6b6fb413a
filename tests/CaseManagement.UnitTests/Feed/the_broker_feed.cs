using CaseManagement.Feed.Broker;
using FluentAssertions;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.UnitTests.Feed;

public class the_broker_feed
{
    [Theory]
    [InlineData("acme", "com.casemanagement.incident.detected.v1", "acme.com.casemanagement.incident.detected.v1",
        "because the organisation is the first word, so a queue binds acme.# for one organisation's feed")]
    [InlineData("acme.eu", "com.casemanagement.incident.detected.v1", "acme_eu.com.casemanagement.incident.detected.v1",
        "because a dot in the organisation would split it into two words and acme.# would also match acme.eu's events")]
    public void routes_by_organisation_then_type(string organisation, string type, string expected, string because) =>
        BrokerFeedPublisher.RoutingKey(organisation, type).Should().Be(expected, because);

    [Theory]
    [InlineData(null, null, false, "because without a broker address the service has no broker transport at all")]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", null, false, "because publishing is opt-in: no organisation named, nobody's feed goes out")]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "acme", true, "because an address and an organisation that opted in are all it needs")]
    public void is_on_only_with_an_address_and_an_organisation_that_opted_in(string? uri, string? organisation, bool enabled, string because)
    {
        var settings = new Dictionary<string, string?>();
        if (uri is not null)
        {
            settings[$"{FeedBrokerOptions.Section}:Uri"] = uri;
        }

        if (organisation is not null)
        {
            settings[$"{FeedBrokerOptions.Section}:Organisations:0"] = organisation;
        }

        FeedBrokerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Enabled.Should().Be(enabled, because);
    }
}
