using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// The guards that keep an exercise from touching anything real: a sandbox must be a marked, generated copy in a database
/// of its own; an exercise runs only against a sandbox; the exercise header is refused where it does not belong and for an
/// exercise the organisation does not have; an ended exercise is read-only.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_an_exercise_is_misdirected(ExerciseFixture fixture)
{
    private readonly string _organisation = $"mx-{Guid.NewGuid():N}"[..16];

    private IncidentApi Admin => fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin);

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    private static readonly object[] Participants = [new { name = "Lee Okafor", role = "facilitator" }];

    [Fact]
    public async Task a_database_without_the_generators_mark_cannot_be_registered_as_a_sandbox()
    {
        await using var unmarked = await SandboxShop.CreateAsync(Admin, marked: false, register: false);

        var problem = await Admin.SendAsync(HttpMethod.Post, "/api/shops", unmarked.Registration(sandbox: true), 422);

        problem["errors"]!["sandbox"]![0]!.GetValue<string>().Should().Contain("no sandbox mark", "only a generated copy can be a sandbox");
    }

    [Fact]
    public async Task a_sandbox_cannot_point_at_the_database_of_a_shop_registered_for_real()
    {
        await using var shop = await SandboxShop.CreateAsync(Admin, register: false);
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", shop.Registration(sandbox: false, name: "real-shop"), 201);

        var problem = await Admin.SendAsync(HttpMethod.Post, "/api/shops", shop.Registration(sandbox: true), 422);

        problem["errors"]!["sandbox"]![0]!.GetValue<string>().Should().Contain("shop 'real-shop', registered for real",
            "an exercise there would change the real shop's data");
    }

    [Fact]
    public async Task an_exercise_against_a_shop_registered_for_real_is_refused()
    {
        await using var shop = await SandboxShop.CreateAsync(Admin, register: false);
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", shop.Registration(sandbox: false, name: "real-shop"), 201);

        var problem = await Lead.SendAsync(HttpMethod.Post, "/api/exercises",
            new { scenario = "checkout-skimmer", sandbox = "real-shop", paused = true, participants = Participants }, 422);

        problem["errors"]!["sandbox"]![0]!.GetValue<string>().Should().Contain("registered for real");
        (await Lead.GetAsync("/api/exercises")).AsArray().Should().BeEmpty("nothing was started");
    }

    [Fact]
    public async Task an_exercise_against_a_deactivated_sandbox_is_refused_naming_its_state()
    {
        await using var sandbox = await SandboxShop.CreateAsync(Admin);
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{sandbox.Name}/deactivate", new { reason = "copy is stale" }, 200);

        var problem = await Lead.SendAsync(HttpMethod.Post, "/api/exercises",
            new { scenario = "checkout-skimmer", sandbox = sandbox.Name, paused = true, participants = Participants }, 409);

        problem["shopState"]!.GetValue<string>().Should().Be("deactivated");
        problem["detail"]!.GetValue<string>().Should().Contain("no exercise may start against it").And.Contain("copy is stale");
        (await Lead.GetAsync("/api/exercises")).AsArray().Should().BeEmpty("nothing was started");
    }

    [Fact]
    public async Task the_exercise_header_is_refused_on_organisation_routes_and_for_an_unknown_exercise()
    {
        var unknown = Lead.InExercise(Guid.NewGuid());

        (await unknown.GetAsync("/api/incidents", 404))["title"]!.GetValue<string>().Should().Be("Exercise not found",
            "a request naming an exercise the organisation does not have never falls through to the real record");
        (await unknown.SendAsync(HttpMethod.Post, "/api/exercises",
                new { scenario = "checkout-skimmer", sandbox = "any", participants = Participants }, 400))["detail"]!.GetValue<string>()
            .Should().Contain("concerns the organisation itself");
        (await unknown.SendAsync(HttpMethod.Post, "/api/incidents", new { title = "x", shop = "any", kind = "checkout-skimmer" }, 400))["detail"]!
            .GetValue<string>().Should().Contain("concerns the organisation itself", "an exercise's incident is opened by its scenario, not by hand");
    }

    [Fact]
    public async Task an_ended_exercise_keeps_its_clock_and_refuses_work_on_its_incident()
    {
        await using var sandbox = await SandboxShop.CreateAsync(Admin);
        var started = await Lead.SendAsync(HttpMethod.Post, "/api/exercises",
            new { scenario = "checkout-skimmer", sandbox = sandbox.Name, paused = true, participants = Participants }, 201);
        var (exercise, incident) = (started["id"]!.GetValue<Guid>(), started["incidentId"]!.GetValue<Guid>());
        var team = Lead.InExercise(exercise);
        await ExerciseTests.WaitForIncidentAsync(team, incident);

        var ended = await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/end", new { outcome = "completed", summary = "stopped early" }, 200);

        ended["status"]!.GetValue<string>().Should().Be("ended");
        (await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/clock/advance", new { by = "PT1H" }, 409))["title"]!.GetValue<string>()
            .Should().Be("The exercise has ended");
        (await team.ActAsync(incident, "classify-severity", new { severity = "high", reason = "late" }, 409))["title"]!.GetValue<string>()
            .Should().Be("The exercise has ended", "its record is read-only");
        (await team.GetAsync($"/api/incidents/{incident}"))["exercise"]!["exerciseId"]!.GetValue<Guid>().Should().Be(exercise, "it can still be read");
    }
}
