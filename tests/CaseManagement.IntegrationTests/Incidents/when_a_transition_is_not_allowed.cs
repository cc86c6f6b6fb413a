using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

public sealed class when_a_transition_is_not_allowed(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task it_is_a_conflict_naming_the_status_and_the_allowed_next_steps_and_nothing_is_recorded()
    {
        var id = await Api.DetectAsync("transition-shop");

        var problem = await Api.ActAsync(id, "notify", new { recipients = new[] { "regulator" }, summary = "too early" }, 409);

        problem["title"]!.GetValue<string>().Should().Be("Invalid lifecycle transition");
        problem["currentStatus"]!.GetValue<string>().Should().Be("detected");
        problem["detail"]!.GetValue<string>().Should().Contain("requires a recorded scope");
        problem["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain(["contain", "scope", "mark-false-positive"]);
        (await Api.VersionOfAsync(id)).Should().Be(1, "a refused command appends nothing");
    }

    [Fact]
    public async Task a_closed_incident_must_be_reopened_first()
    {
        var id = await Api.DetectAsync("transition-shop");
        await Api.ActAsync(id, "mark-false-positive", new { reason = "duplicate alert" });
        await Api.ActAsync(id, "close", new { });

        var problem = await Api.ActAsync(id, "classify-severity", new { severity = "high", reason = "x" }, 409);

        problem["detail"]!.GetValue<string>().Should().Contain("reopen it first");
        problem["currentStatus"]!.GetValue<string>().Should().Be("closed");
    }

    [Fact]
    public async Task an_unknown_incident_is_not_found()
    {
        var problem = await Api.ActAsync(Guid.CreateVersion7(), "contain", new { summary = "x" }, 404);

        problem["title"]!.GetValue<string>().Should().Be("Incident not found");
    }
}
