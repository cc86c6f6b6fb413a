using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Readiness.Schedule;
using CaseManagement.Security;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// The organisation's exercise schedule: quarterly unless set, due from the last completed exercise, and a reminder recorded
/// once when an exercise falls due, however often the check comes.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_scheduling_exercises(ExerciseFixture fixture) : IAsyncLifetime
{
    private readonly string _organisation = $"xs-{Guid.NewGuid():N}"[..16];
    private SandboxShop _sandbox = null!;

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Admin => fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin);

    public async Task InitializeAsync() => _sandbox = await SandboxShop.CreateAsync(Admin);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task an_organisation_that_never_exercised_is_reminded_once_and_a_completed_exercise_makes_the_next_due_a_quarter_later()
    {
        var unset = await Lead.GetAsync("/api/readiness/exercise-schedule");
        unset["everyMonths"]!.GetValue<int>().Should().Be(3, "quarterly by default");
        unset["state"]!.GetValue<string>().Should().Be("due", "no exercise was ever completed");

        var set = await Admin.SendAsync(HttpMethod.Post, "/api/readiness/exercise-schedule", new { everyMonths = 2, reason = "the board asked for drills every other month" }, 200);
        set["everyMonths"]!.GetValue<int>().Should().Be(2);
        var reminded = await Lead.WaitForAsync("/api/readiness/exercise-schedule", s => s["remindedFor"] is not null);
        reminded["remindedFor"]!.GetValue<DateTimeOffset>().Should().Be(reminded["nextDueAt"]!.GetValue<DateTimeOffset>(),
            "the first exercise is due from when the schedule was set, and the reminder names that due date");

        await Lead.SendAsync(HttpMethod.Post, "/api/readiness/exercise-schedule", new { everyMonths = 3, reason = "back to quarterly after the audit" }, 200);
        await CheckAsync();
        (await Lead.GetAsync("/api/readiness/exercise-schedule"))["version"]!.GetValue<long>().Should().Be(3,
            "set, reminded, set again: the same due date is not reminded twice, however often the check comes");

        var (exercise, _) = await ExerciseTests.StartAsync(Lead, _sandbox.Name);
        // The opening alert is delivered as the exercise starts; ending it meanwhile would be a version conflict.
        await Lead.WaitForAsync($"/api/exercises/{exercise}", e => e["injects"]!.AsArray().Count == 1);
        await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/end", new { outcome = "completed", summary = "drill done" }, 200);
        var endedAt = (await Lead.GetAsync($"/api/exercises/{exercise}"))["endedAt"]!.GetValue<DateTimeOffset>();
        await CheckAsync();

        var justDone = await Lead.GetAsync("/api/readiness/exercise-schedule");
        justDone["state"]!.GetValue<string>().Should().Be("not-due", "an exercise was just completed");
        justDone["nextDueAt"]!.GetValue<DateTimeOffset>().Should().Be(endedAt.AddMonths(3), "a quarter after the completed exercise ended");
        justDone["lastCompleted"]!["id"]!.GetValue<Guid>().Should().Be(exercise);
        justDone["version"]!.GetValue<long>().Should().Be(3, "nothing is due, so no reminder is recorded");
    }

    [Fact]
    public async Task a_schedule_without_a_reason_or_a_sensible_interval_is_refused_and_only_leads_and_admins_set_it()
    {
        var problem = await Lead.SendAsync(HttpMethod.Post, "/api/readiness/exercise-schedule", new { everyMonths = 0 }, 422);

        problem["errors"]!["everyMonths"]![0]!.GetValue<string>().Should().Contain("from 1 to 12");
        problem["errors"]!["reason"].Should().NotBeNull("a change to the schedule says why");
        await fixture.ApiIn(_organisation, "sam@shop.test", Roles.Responder)
            .SendAsync(HttpMethod.Post, "/api/readiness/exercise-schedule", new { everyMonths = 1, reason = "monthly drills please" }, 403);
    }

    /// <summary>Runs the scheduled check now and waits for it, as its scheduled delivery would.</summary>
    private async Task CheckAsync()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .InvokeForTenantAsync(_organisation, new CheckExerciseSchedule(ExerciseSchedule.StreamFor(_organisation)));
    }
}
