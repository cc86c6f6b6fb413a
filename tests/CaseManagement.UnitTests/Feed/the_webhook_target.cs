using System.Net;
using CaseManagement.Feed.Subscribing;
using FluentAssertions;

namespace CaseManagement.UnitTests.Feed;

public class the_webhook_target
{
    [Theory]
    [InlineData("https://hooks.example.com/casemanagement?tenant=acme")]
    [InlineData("https://hooks.example.com:8443/casemanagement")]
    public void a_public_https_url_passes_the_syntax_checks(string url) =>
        WebhookTarget.SyntaxProblem(url, allowPrivate: false, out _).Should().BeNull();

    [Theory]
    [InlineData(null, "required")]
    [InlineData("hooks.example.com/casemanagement", "absolute")]
    [InlineData("http://hooks.example.com/casemanagement", "https")]
    [InlineData("ftp://hooks.example.com/casemanagement", "https")]
    [InlineData("https://erp:hunter2@hooks.example.com/casemanagement", "credentials")]
    [InlineData("https://erp@hooks.example.com/casemanagement", "credentials")]
    [InlineData("https://hooks.example.com/casemanagement#events", "fragment")]
    public void urls_that_are_not_plain_https_are_refused(string? url, string reason) =>
        WebhookTarget.SyntaxProblem(url, allowPrivate: false, out _).Should().Contain(reason);

    [Fact]
    public void plain_http_passes_the_syntax_checks_only_where_private_targets_are_allowed() =>
        WebhookTarget.SyntaxProblem("http://127.0.0.1:8080/hook", allowPrivate: true, out _).Should().BeNull();

    [Theory]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    public void link_local_metadata_and_reserved_addresses_are_never_targets(string address, string reason)
    {
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "https", allowPrivate: true).Should().Contain(reason);
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "https", allowPrivate: false).Should().Contain(reason);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.9")]
    [InlineData("192.168.1.10")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void loopback_and_private_addresses_are_targets_only_when_allowed(string address)
    {
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "https", allowPrivate: false).Should().Contain("Feed:AllowPrivateTargets");
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "https", allowPrivate: true).Should().BeNull();
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "http", allowPrivate: true).Should().BeNull("plain http is fine inside");
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void public_addresses_take_https_only(string address)
    {
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "https", allowPrivate: false).Should().BeNull();
        WebhookTarget.AddressProblem(IPAddress.Parse(address), "http", allowPrivate: true).Should().Contain("use https");
    }
}
