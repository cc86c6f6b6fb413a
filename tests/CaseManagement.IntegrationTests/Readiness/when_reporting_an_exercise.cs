using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.AuditReports;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// The exercise report is the testing record an auditor asks for: every inject and every response of the run exercise with its
/// exercise time, the expected decisions judged from the record, and, as of an earlier exercise instant, nothing recorded after it.
/// Every export is recorded on the exercise's access log.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_reporting_an_exercise(ExerciseFixture fixture) : IAsyncLifetime
{
    private readonly string _organisation = $"xp-{Guid.NewGuid():N}"[..16];
    private SandboxShop _sandbox = null!;

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Auditor => fixture.ApiIn(_organisation, "ann.auditor@audit.test", Roles.Auditor);

    public async Task InitializeAsync() => _sandbox = await SandboxShop.CreateAsync(fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin));

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task the_report_holds_every_inject_and_response_and_as_of_an_earlier_instant_none_recorded_after_it()
    {
        var (exercise, incident) = await ExerciseTests.StartAsync(Lead, _sandbox.Name);
        var team = Lead.InExercise(exercise);
        await ExerciseTests.WaitForIncidentAsync(team, incident);
        await team.ActAsync(incident, "classify-severity", new { severity = "critical", reason = "card data exposed at checkout" });
        var scriptFound = await AdvanceAsync(exercise, "PT40M", 2);
        var awareAt = (await AdvanceAsync(exercise, "PT10M", 2))["clock"]!["now"]!.GetValue<DateTimeOffset>();
        await team.ActAsync(incident, "record-awareness", new { awareAt, reason = "skimmer found in the checkout footer" });
        await team.ActAsync(incident, "add-note", new { text = "called the acquirer back" });
        await Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/end", new { outcome = "completed", summary = "first hour rehearsed" }, 200);

        var report = await Auditor.GetAsync($"/api/exercises/{exercise}/report");

        var responses = (await team.HistoryAsync(incident)).Where(e => e!["actor"]!.GetValue<string>().StartsWith("user:", StringComparison.Ordinal))
            .Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        responses.Should().HaveCount(3, "the team classified, recorded awareness and added a note");
        Entries(report, "inject").Select(e => e["injectId"]!.GetValue<string>()).Should().Equal(["acquirer-alert", "script-found"],
            "every inject that reached the team, in exercise time");
        Entries(report, "response").Select(e => e["sequence"]!.GetValue<long>()).Should().BeEquivalentTo(responses, "every response of the team is in the record");
        Entries(report, "inject")[1]["exerciseTime"]!.GetValue<DateTimeOffset>().Should()
            .Be(report["exercise"]!["startsAt"]!.GetValue<DateTimeOffset>().AddMinutes(40), "the script is found forty exercise minutes in");
        report["participants"]!.AsArray().Select(p => p!["role"]!.GetValue<string>()).Should().Equal(["facilitator", "incident lead"]);
        Decision(report, "classify-severity")["verdict"]!.GetValue<string>().Should().Be("met", "critical, recorded at the start");
        Decision(report, "record-awareness")["verdict"]!.GetValue<string>().Should().Be("met", "ten exercise minutes after the finding, inside the hour");
        Decision(report, "run-skimmer-playbook")["verdict"]!.GetValue<string>().Should().Be("not-reached",
            "the exercise ended without a containment run: not reached, never assumed");
        report["gaps"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Contain(g => g.Contains("Run the checkout-skimmer playbook", StringComparison.Ordinal));
        report["review"].Should().BeNull("no review was started");

        var earlier = await Auditor.GetAsync($"/api/exercises/{exercise}/report?asOf={Uri.EscapeDataString(scriptFound["clock"]!["now"]!.GetValue<DateTimeOffset>().ToString("O"))}");

        Entries(earlier, "response").Select(e => e["type"]!.GetValue<string>()).Should().Equal(["severity_classified"],
            "forty exercise minutes in, only the classification had been recorded; the awareness and the note came later");
        Decision(earlier, "record-awareness")["verdict"]!.GetValue<string>().Should().Be("pending", "at that instant the hour after the finding was still running");
        earlier["exercise"]!["outcome"].Should().BeNull("the exercise had not ended then");

        var html = Encoding.UTF8.GetString((await ReportDownload.GetAsync(fixture.Host, Auditor, $"/api/exercises/{exercise}/report?format=html")).Bytes);
        html.Should().Contain("Tabletop exercise report").And.Contain("A developer finds a script loaded from cdn-analytics.example")
            .And.Contain("Participants and roles");
        var exports = await Auditor.GetAsync($"/api/exercises/{exercise}/report/exports");
        exports.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal(["exercise_report_exported", "exercise_report_exported", "exercise_report_exported"],
            "each of the three exports was recorded before it was served");
        exports[2]!["what"]!.GetValue<string>().Should().Contain("HTML");
    }

    [Fact]
    public async Task an_instant_after_the_exercise_clock_or_before_its_start_is_refused()
    {
        var (exercise, _) = await ExerciseTests.StartAsync(Lead, _sandbox.Name);
        var now = (await Lead.GetAsync($"/api/exercises/{exercise}"))["clock"]!["now"]!.GetValue<DateTimeOffset>();

        var later = await Lead.GetAsync($"/api/exercises/{exercise}/report?asOf={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}", 422);
        var before = await Lead.GetAsync($"/api/exercises/{exercise}/report?asOf={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}", 422);

        later["errors"]!["asOf"]![0]!.GetValue<string>().Should().Contain("later than the exercise clock");
        before["errors"]!["asOf"]![0]!.GetValue<string>().Should().Contain("before the exercise started");
        (await Lead.GetAsync($"/api/exercises/{exercise}/report/exports")).AsArray().Should().BeEmpty("a refused request exports nothing");
    }

    private static List<JsonNode> Entries(JsonNode report, string kind) =>
        [.. report["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == kind)!];

    private static JsonNode Decision(JsonNode report, string id) => report["decisions"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == id)!;

    private Task<JsonNode> AdvanceAsync(Guid exercise, string by, int injects) =>
        Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/clock/advance", new { by, reason = "on to the next inject" }, 200)
            .ContinueWith(_ => Lead.WaitForAsync($"/api/exercises/{exercise}", e => e["injects"]!.AsArray().Count == injects), TaskScheduler.Default).Unwrap();
}
