using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// The review of an exercise lives with the exercise: its actions fall due on the exercise's clock (so moving the clock on
/// records the reminder at once), and it goes on after the exercise ended, when everything else of it is read-only.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_reviewing_an_exercise(ExerciseFixture fixture) : IAsyncLifetime
{
    private readonly string _organisation = $"xr-{Guid.NewGuid():N}"[..16];
    private SandboxShop _sandbox = null!;

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    public async Task InitializeAsync() => _sandbox = await SandboxShop.CreateAsync(fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin));

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task an_action_falls_due_on_the_exercise_clock_and_the_review_goes_on_after_the_exercise_ended()
    {
        var (exercise, incident) = await ExerciseTests.StartAsync(Lead, _sandbox.Name);
        var team = Lead.InExercise(exercise);
        await ExerciseTests.WaitForIncidentAsync(team, incident);
        var reviewId = (await team.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/review", new { }, 201))["id"]!.GetValue<Guid>();
        var exerciseNow = (await Lead.GetAsync($"/api/exercises/{exercise}"))["clock"]!["now"]!.GetValue<DateTimeOffset>();
        await team.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions",
            new { title = "Rehearse the regulator call", owner = "sam.responder@shop.test", dueAt = exerciseNow.AddHours(24) }, 200);
        (await Lead.GetAsync($"/api/incidents/{incident}/review", 404))["title"]!.GetValue<string>()
            .Should().Be("No review yet", "the organisation's own record has no such incident, let alone its review");

        await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/clock/advance", new { by = "PT48H", reason = "a day past the action's due date" }, 200);
        var reminded = await team.WaitForAsync($"/api/reviews/{reviewId}", r => r["actions"]![0]!["reminded"]!.GetValue<bool>());

        reminded["actions"]![0]!["state"]!.GetValue<string>().Should().Be("overdue", "48 exercise hours passed a due date 24 hours away in seconds");
        (await team.HistoryAsync(incident)).Where(e => e!["type"]!.GetValue<string>() == "review_action_overdue").Should()
            .ContainSingle("the reminder is recorded once, on the review inside the exercise")
            .Which!["data"]!["owner"]!.GetValue<string>().Should().Be("sam.responder@shop.test");

        await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/end", new { outcome = "completed", summary = "skimmer drill done" }, 200);
        await team.ActAsync(incident, "add-note", new { text = "after the end" }, 409);
        await team.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/findings", new { rootCause = "nobody knew who calls the regulator" }, 200);
        await team.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions/action-1/done", new { note = "rehearsed on Tuesday" }, 200);
        var completed = await team.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/complete", new { summary = "gaps recorded" }, 200);

        completed["completedAt"].Should().NotBeNull("the exercise's review is completed after the exercise ended");
    }
}
