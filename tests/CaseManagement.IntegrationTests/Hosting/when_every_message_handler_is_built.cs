using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Wolverine.Runtime;

namespace CaseManagement.IntegrationTests.Hosting;

/// <summary>
/// Tests run with code compiled when first needed, so a handler that no scenario reaches would only fail in production (and
/// in build/publish.sh's codegen write). Building every message handler here finds a chain Wolverine cannot generate, such as
/// a class whose Load method asks for another message than the one being handled.
/// </summary>
public sealed class when_every_message_handler_is_built(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public void each_one_generates_and_compiles()
    {
        var handlers = ((WolverineRuntime)Host.Services.GetService(typeof(IWolverineRuntime))!).Handlers;
        var failures = new List<string>();
        foreach (var chain in handlers.Chains)
        {
            try
            {
                handlers.HandlerFor(chain.MessageType);
            }
            catch (Exception e)
            {
                failures.Add($"{chain.MessageType.FullName}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        handlers.Chains.Should().NotBeEmpty();
        failures.Should().BeEmpty("every message the service handles must have a handler Wolverine can build");
    }
}
