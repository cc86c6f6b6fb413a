using Alba;
using CaseManagement.Infrastructure;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// A second host configured as in production (its own keys, HTTPS, a tight failure limit). It joins
/// the shared collection so the first host has already created the schema it expects.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class when_running_outside_development : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
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
    public async Task development_tokens_cannot_be_minted()
    {
        var exit = CaseManagement.Security.Authentication.DevTokenCommand.Run(
            ["dev-token", "--sub", "x", "--org", "y", "--role", "admin"],
            _host.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration)) as Microsoft.Extensions.Configuration.IConfiguration ?? throw new InvalidOperationException(),
            (IHostEnvironment)_host.Services.GetService(typeof(IHostEnvironment))!);

        exit.Should().Be(2, "outside Development tokens come from the identity provider");
    }
}
