using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using JasperFx.CommandLine;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.IntegrationTests.Hosting;

/// <summary>
/// Outside Development the service loads the handler code build/publish.sh generated (ADR 17). The tests' build has
/// none, which is exactly a shipped build that lost it: the start must fail and say why, never compile the code or
/// start and answer 500 on the first request. Joins the shared collection so the schema it expects exists.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class when_a_production_start_has_no_generated_code
{
    [Fact]
    public async Task the_service_refuses_to_start_and_names_the_missing_code()
    {
        JasperFxEnvironment.AutoStartHost = true;
        IAlbaHost? started = null;

        var start = async () => started = await AlbaHost.For<Program>(TestHosts.ProductionLike);

        await start.Should().ThrowAsync<MissingPreBuiltTypesException>("a Static start checks every endpoint type before it serves")
            .WithMessage("*TypeLoadMode.Static*pre-built*could not be loaded*", "the operator must learn that the build lacks generated code");
        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }
}
