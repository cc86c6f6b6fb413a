using Alba;
using CaseManagement.Infrastructure;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using FluentAssertions;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// A second host configured as in production (its own keys, HTTPS, a tight failure limit). It joins
/// the shared collection so the first host has already made Wolverine's tables; Marten makes a document's table when it
/// is first used, so the whole schema is applied first, as `resources setup` does before a production start.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class when_running_outside_development(AppFixture fixture) : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.Host.DocumentStore().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        JasperFxEnvironment.AutoStartHost = true;
        _host = await AlbaHost.For<Program>(builder =>
        {
            TestHosts.ProductionLike(builder);
            // The tests' build carries no pre-generated handler code (build/publish.sh adds it; ADR 17).
            builder.UseSetting(GeneratedCode.Setting, "Dynamic");
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task plain_http_is_redirected_to_https() =>
        await _host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.StatusCodeShouldBe(307);
            x.Header("Location").SingleValueShouldEqual("https://localhost/health/live");
        });

    [Fact]
    public async Task repeated_authentication_failures_are_throttled()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var result = await _host.Scenario(x =>
            {
                x.Get.Url("/api/incidents");
                x.ConfigureHttpContext(c => c.Request.Scheme = "https");
                x.WithRequestHeader("Authorization", "Bearer guessing");
                x.IgnoreStatusCode();
            });
            statuses.Add(result.Context.Response.StatusCode);
            if (result.Context.Response.StatusCode == 429)
            {
                result.Context.Response.Headers.RetryAfter.ToString().Should().NotBeEmpty();
            }
        }

        statuses.Should().Equal([401, 401, 401, 429, 429], "after 3 failures in a window the client must wait");
    }

    [Fact]
    public async Task a_throttled_address_still_serves_valid_credentials_and_health()
    {
        for (var i = 0; i < 3; i++)
        {
            await StatusOfAsync("/api/incidents", "Bearer guessing");
        }

        (await StatusOfAsync("/api/incidents", "Bearer guessing")).Should().Be(429, "the address has used up its failures");
        var token = ((DevTokenIssuer)_host.Services.GetService(typeof(DevTokenIssuer))!).Issue("lee@shop.test", "acme", [Roles.ComplianceLead], TimeSpan.FromHours(1));
        (await StatusOfAsync("/api/incidents", $"Bearer {token}")).Should().Be(200,
            "a colleague behind the same proxy or NAT proves who they are; only failures are held back");
        (await StatusOfAsync("/health/live", null)).Should().Be(200, "an orchestrator's probe must never be locked out");
        (await StatusOfAsync("/health/ready", "Bearer guessing")).Should().Be(200, "health takes no credentials, so bad ones cannot fail it");
        (await StatusOfAsync("/api/incidents", "Bearer guessing")).Should().Be(429, "the valid request did not reset the failures");
    }

    private async Task<int> StatusOfAsync(string url, string? authorization)
    {
        var result = await _host.Scenario(x =>
        {
            x.Get.Url(url);
            x.ConfigureHttpContext(c => c.Request.Scheme = "https");
            if (authorization is not null)
            {
                x.WithRequestHeader("Authorization", authorization);
            }

            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task development_tokens_cannot_be_minted()
    {
        var exit = CaseManagement.Security.Authentication.DevTokenCommand.Run(
            ["dev-token", "--sub", "x", "--org", "y", "--role", "admin"],
            _host.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration)) as Microsoft.Extensions.Configuration.IConfiguration ?? throw new InvalidOperationException(),
            (IHostEnvironment)_host.Services.GetService(typeof(IHostEnvironment))!);

        exit.Should().Be(2, "outside Development tokens come from the identity provider");
    }
}
