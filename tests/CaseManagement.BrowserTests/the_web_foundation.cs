using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Web;
using FluentAssertions;
using IdentityProvider;

namespace CaseManagement.BrowserTests;

/// <summary>What the pages stand on, checked without a browser: the vendored htmx and the demo identity provider.</summary>
public sealed class the_web_foundation
{
    [Fact]
    public void the_vendored_htmx_is_the_recorded_release_and_is_what_the_pages_serve()
    {
        var folder = RepositoryFiles.PathOf("src", "CaseManagement", "Web", "Assets", "vendor", "htmx");
        var vendored = VendoredFile.Read(folder);

        vendored.Package.Should().Be("htmx.org");
        vendored.Version.Should().StartWith("2.0.", "the pages are written for htmx 2.0.x");
        VendoredFile.ActualSha256(Path.Combine(folder, vendored.File)).Should().Be(vendored.Sha256, "the file must be the one recorded in vendored.json");
        File.Exists(Path.Combine(folder, "LICENSE")).Should().BeTrue("a vendored file travels with its licence");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new WebAssets().Content("vendor/htmx/" + vendored.File)))
            .Should().Be(vendored.Sha256, "the service serves exactly the recorded file");
    }

    [Fact]
    public async Task the_demo_identity_provider_refuses_every_environment_but_development()
    {
        foreach (var environment in new[] { "Production", "Staging" })
        {
            var start = () => DemoIdentityProvider.StartAsync(new IdentityProviderOptions { Environment = environment });

            (await start.Should().ThrowAsync<InvalidOperationException>($"its sign-in page lets anyone be anyone, so {environment} must refuse it"))
                .WithMessage("*runs only in Development*");
        }
    }

    [Fact]
    public void the_demo_people_hold_only_roles_the_service_knows()
    {
        DemoPeople.RoleNames.Should().BeEquivalentTo(Roles.All, "the provider offers exactly the service's roles");
        DemoPeople.All.SelectMany(p => p.Roles).Should().OnlyContain(r => Roles.All.Contains(r));
        DemoPeople.All.Select(p => p.Roles).Should().Contain(r => r.SequenceEqual(new[] { Roles.Admin }), "the journeys need an admin")
            .And.Contain(r => r.SequenceEqual(new[] { Roles.Responder }), "and a plain responder");
    }
}
