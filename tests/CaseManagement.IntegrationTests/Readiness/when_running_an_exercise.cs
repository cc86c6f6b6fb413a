using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// A tabletop exercise end to end on its own clock: the checkout-skimmer scenario against a sandbox shop, the facilitator
/// moving time on by hours in seconds, the GDPR 72 hours running out inside the exercise, and nothing of it reaching the
/// organisation's own record, its integrators, its real mail channel or its real shops. Each scenario has an organisation
/// of its own, so "nothing" can be checked against everything the organisation has.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_running_an_exercise(ExerciseFixture fixture) : IAsyncLifetime
{
    private const string Gdpr = "eu-gdpr-art33-sa";
    private readonly string _organisation = $"ex-{Guid.NewGuid():N}"[..16];
    private SandboxShop _sandbox = null!;

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Approver => fixture.ApiIn(_organisation, "ada.approver@shop.test", Roles.Approver);

    // Four eyes: whoever drafts a template or a campaign cannot also approve it.
    private IncidentApi SecondLead => fixture.ApiIn(_organisation, "kai.lead@shop.test", Roles.ComplianceLead);

    private IncidentApi Integrator => fixture.ApiIn(_organisation, "erp@shop.test", Roles.Integrator);

    public async Task InitializeAsync() => _sandbox = await SandboxShop.CreateAsync(fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin));

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task the_opening_alert_stages_an_incident_marked_as_an_exercise_that_only_the_exercise_can_see()
    {
        var (exercise, incident) = await StartAsync();
        var team = Lead.InExercise(exercise);

        var staged = await ExerciseTests.WaitForIncidentAsync(team, incident);

        staged["exercise"]!["exerciseId"]!.GetValue<Guid>().Should().Be(exercise, "the incident is marked from its first event");
        staged["exercise"]!["scenario"]!.GetValue<string>().Should().Be("checkout-skimmer");
        staged["shop"]!.GetValue<string>().Should().Be(_sandbox.Name, "the incident names the sandbox, never a real shop");
        (await Lead.GetAsync($"/api/incidents/{incident}", 404))["title"]!.GetValue<string>().Should().Be("Incident not found",
            "without the exercise header the organisation's own record has no such incident");
        (await team.HistoryAsync(incident))[0]!["actor"]!.GetValue<string>().Should().Be("system:exercise");
    }

    [Fact]
    public async Task the_72_hours_run_out_in_seconds_inside_the_exercise_and_nothing_leaves_it()
    {
        var templates = await ExerciseTests.ApprovedTemplatesAsync(Lead, SecondLead);
        var (exercise, incident) = await StartAsync();
        var team = Lead.InExercise(exercise);
        await ExerciseTests.WaitForIncidentAsync(team, incident);
        await team.ActAsync(incident, "classify-severity", new { severity = "critical", reason = "card data exposed at checkout" });
        await team.ActAsync(incident, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "acquirer's list" });

        var afterScript = await AdvanceAsync(exercise, "PT40M");
        afterScript["injects"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(["acquirer-alert", "script-found"],
            "forty exercise minutes in, the script is found");
        var awareAt = afterScript["clock"]!["now"]!.GetValue<DateTimeOffset>();
        awareAt.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(35), "the exercise clock is forty minutes ahead of real time");
        await team.ActAsync(incident, "record-awareness", new { awareAt, reason = "skimmer found in the checkout footer" });
        var gdpr = (await team.GetAsync($"/api/incidents/{incident}/deadlines"))["obligations"]!.AsArray().Single(o => o!["ruleId"]!.GetValue<string>() == Gdpr)!;
        gdpr["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(awareAt.AddHours(72), "the deadline runs from the awareness the team recorded in exercise time");

        await team.ActAsync(incident, "containment", new { playbook = "checkout-skimmer", reason = "script confirmed" }, 200);
        var containment = await team.WaitForAsync($"/api/incidents/{incident}/containment",
            c => c["latest"]?["steps"]?.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<string>() == "scan-skimmer-locations")?["status"]?.GetValue<string>() == "succeeded");
        containment["latest"]!["shop"]!.GetValue<string>().Should().Be(_sandbox.Name, "the playbook ran against the sandbox copy");
        await team.ActAsync(incident, "scope", new { from = SandboxShop.From.AddDays(-1), to = SandboxShop.To.AddDays(1) });
        var scope = await team.WaitForAsync($"/api/incidents/{incident}/scope", v => v["latest"]?["status"]?.GetValue<string>() == "completed");
        // The run's outcome reaches the incident by a message of its own; notifying needs it recorded there.
        await team.WaitForAsync($"/api/incidents/{incident}", i => i["status"]?.GetValue<string>() != "detected");
        var people = scope["latest"]!["peopleFound"]!.GetValue<long>();
        people.Should().BePositive("the sandbox holds generated shoppers");

        var (sandboxBefore, realBefore) = (fixture.SandboxMail.ReceivedCount, fixture.RealMail.ReceivedCount);
        var campaign = (await team.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/campaigns", ExerciseTests.Campaign(templates), 201))["id"]!.GetValue<Guid>();
        await SecondLead.InExercise(exercise).SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200);
        await Approver.InExercise(exercise).SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200);
        var sent = await team.WaitForAsync($"/api/campaigns/{campaign}", c => c["status"]?.GetValue<string>() == "completed");
        sent["sent"]!.GetValue<long>().Should().Be(people);
        (fixture.SandboxMail.ReceivedCount - sandboxBefore).Should().Be(people, "every notice of the exercise went to the sandbox channel");
        fixture.RealMail.ReceivedCount.Should().Be(realBefore, "not one reached the real mail channel");

        var late = await AdvanceAsync(exercise, "PT72H");
        var history = await team.WaitForAsync($"/api/incidents/{incident}/events", h => Escalations(h, "deadline_missed").Any());
        var missed = Escalations(history, "deadline_missed").Single();
        missed["data"]!["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(awareAt.AddHours(72));
        missed["timestamp"]!.GetValue<DateTimeOffset>().Should().BeBefore(DateTimeOffset.UtcNow.AddHours(1),
            "it was recorded in real time, seconds after the exercise's 72 hours ran out");
        late["injects"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(
            ["acquirer-alert", "script-found", "residences-known", "smtp-outage", "regulator-call", "journalist"], "every inject came in its order");

        (await Lead.GetAsync("/api/incidents"))["items"]!.AsArray().Should().BeEmpty("the organisation's own list has no exercise incident");
        (await Lead.GetAsync("/api/deadlines"))["items"]!.AsArray().Should().BeEmpty("nor its deadline board");
        // The feed shows what the daemon has caught up with; once an integrator who asks sees the exercise, one who did not must not.
        var asked = await Integrator.WaitForAsync("/api/feed?after=0&limit=1000&exercises=include", f => f["events"]!.AsArray().Any(e =>
            e!["type"]!.GetValue<string>() == "com.casemanagement.incident.detected.v1" && e["exercise"]?.GetValue<string>() == exercise.ToString()));
        asked["events"]!.AsArray().Should().Contain(e => e!["type"]!.GetValue<string>() == "com.casemanagement.incident.detected.v1"
                                                          && e["exercise"]!.GetValue<string>() == exercise.ToString(), "an integrator who asks gets them, marked");
        var feed = await Integrator.GetAsync("/api/feed?after=0&limit=1000");
        feed["events"]!.AsArray().Should().BeEmpty("nothing of the exercise reaches integrators who did not ask for exercises");
    }

    private static IEnumerable<JsonNode> Escalations(JsonNode history, string type) =>
        history.AsArray().Where(e => e!["type"]!.GetValue<string>() == type && e["data"]!["ruleId"]!.GetValue<string>() == Gdpr)!;

    private Task<JsonNode> AdvanceAsync(Guid exercise, string by) =>
        Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/clock/advance", new { by, reason = "skip to the next inject" }, 200)
            .ContinueWith(_ => Lead.WaitForAsync($"/api/exercises/{exercise}", e => DueInjectsDelivered(e)), TaskScheduler.Default).Unwrap();

    // The facilitator's view settles once every inject due on the clock has been delivered.
    private static bool DueInjectsDelivered(JsonNode exercise)
    {
        var now = exercise["clock"]!["now"]!.GetValue<DateTimeOffset>();
        var start = exercise["startsAt"]!.GetValue<DateTimeOffset>();
        var due = ExerciseTests.Skimmer.Injects.Count(i => start + i.At <= now);
        return exercise["injects"]!.AsArray().Count == due;
    }

    private Task<(Guid Exercise, Guid Incident)> StartAsync() => ExerciseTests.StartAsync(Lead, _sandbox.Name);
}

internal static class ExerciseTests
{
    public static readonly CaseManagement.Rules.Scenarios.Scenario Skimmer = CaseManagement.Rules.Scenarios.ScenarioCatalogue.Embedded.Find("checkout-skimmer")!;

    /// <summary>The checkout-skimmer exercise against the sandbox, its clock paused at the start, with a facilitator and an incident lead.</summary>
    public static async Task<(Guid Exercise, Guid Incident)> StartAsync(IncidentApi lead, string sandbox)
    {
        var started = await lead.SendAsync(HttpMethod.Post, "/api/exercises", new
        {
            scenario = "checkout-skimmer",
            sandbox,
            paused = true,
            participants = new[]
            {
                new { name = "Lee Okafor", role = "facilitator", email = "lee.lead@shop.test" },
                new { name = "Sam Reyes", role = "incident lead", email = "sam.responder@shop.test" },
            },
        }, 201);
        return (started["id"]!.GetValue<Guid>(), started["incidentId"]!.GetValue<Guid>());
    }

    /// <summary>The exercise's incident, once the opening alert has been delivered and recorded.</summary>
    public static async Task<JsonNode> WaitForIncidentAsync(IncidentApi team, Guid incident)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await team.GetAsync($"/api/incidents/{incident}");
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The organisation's approved notices, for everyone and for California: an exercise starts with a copy of them.</summary>
    public static async Task<(string California, string Everyone)> ApprovedTemplatesAsync(IncidentApi lead, IncidentApi approver)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return (await ApprovedTemplateAsync(lead, approver, $"ca-{suffix}", "US-CA"), await ApprovedTemplateAsync(lead, approver, $"eu-{suffix}", "EU"));
    }

    private static async Task<string> ApprovedTemplateAsync(IncidentApi lead, IncidentApi approver, string templateId, string jurisdiction)
    {
        var example = await lead.GetAsync($"/api/notice-templates/examples/{jurisdiction}");
        await lead.SendAsync(HttpMethod.Post, "/api/notice-templates", new
        {
            templateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        }, 201);
        await approver.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, 200);
        return templateId;
    }

    public static object Campaign((string California, string Everyone) templates) => new
    {
        name = "Exercise notice",
        channel = "email",
        templates = new object[]
        {
            new { jurisdiction = "US-CA", templateId = templates.California, version = 1 },
            new { jurisdiction = "*", templateId = templates.Everyone, version = 1 },
        },
        content = new
        {
            whatHappened = "A script placed in our checkout page copied card details as they were typed.",
            likelyConsequences = "Fraudulent charges on the card used at our checkout.",
            whatWeAreDoing = "We removed the script, locked the account used to place it, and told the card brands.",
            whatYouCanDo = "Check your card statements and ask your bank for a new card.",
            organisationName = "Example Shop Ltd",
            contactEmail = "privacy@shop.test",
            contactPhone = "+1 415 555 0100",
            dpoContact = "dpo@shop.test",
        },
        ratePerMinute = 60_000,
    };
}
