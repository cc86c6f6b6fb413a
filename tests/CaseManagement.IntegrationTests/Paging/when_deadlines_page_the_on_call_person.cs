using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Readiness;
using CaseManagement.Paging.Pages;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Security;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CaseManagement.IntegrationTests.Paging;

/// <summary>
/// Deadline escalation end to end: the escalation schedule raises "approaching" and "missed" on the incident's escalation stream,
/// the paging subscription turns each into a page, and the page reaches the on-call person's mailbox (the local SMTP sink). Time
/// moves on an exercise's clock (ADR 24), so 70 hours pass in one request and nothing sleeps; the exercise has its own roster and
/// its mail goes through its sandbox channel.
/// </summary>
[Collection(ExerciseCollection.Name)]
public sealed class when_deadlines_page_the_on_call_person(ExerciseFixture fixture) : IAsyncLifetime
{
    private const string Gdpr = "eu-gdpr-art33-sa";
    private readonly string _organisation = $"pg-{Guid.NewGuid():N}"[..16];
    private SandboxShop _sandbox = null!;

    private IncidentApi Lead => fixture.ApiIn(_organisation, "lee.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Admin => fixture.ApiIn(_organisation, "ada.admin@shop.test", Roles.Admin);

    private string OnCall => $"olu.{_organisation}@shop.test";

    public async Task InitializeAsync() => _sandbox = await SandboxShop.CreateAsync(Admin);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task an_approaching_and_a_missed_deadline_each_page_the_on_call_person_by_mail()
    {
        var (exercise, incident) = await ExerciseTests.StartAsync(Lead, _sandbox.Name);
        var team = Lead.InExercise(exercise);
        await ExerciseTests.WaitForIncidentAsync(team, incident);
        await Admin.InExercise(exercise).SendAsync(HttpMethod.Post, "/api/on-call/roster", new
        {
            people = new[] { new { name = "Olu", email = OnCall, timeZone = "UTC" } }, acknowledgeWithinMinutes = 1440,
            reason = "the exercise's own on-call person",
        }, 200);
        var awareAt = (await Lead.GetAsync($"/api/exercises/{exercise}"))["clock"]!["now"]!.GetValue<DateTimeOffset>();
        await team.ActAsync(incident, "record-awareness", new { awareAt, reason = "skimmer found in the checkout footer" });
        await team.ActAsync(incident, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "acquirer's list" });
        var due = (await team.GetAsync($"/api/incidents/{incident}/deadlines"))["obligations"]!.AsArray()
            .Single(o => o!["ruleId"]!.GetValue<string>() == Gdpr)!["dueAt"]!.GetValue<DateTimeOffset>();
        due.Should().Be(awareAt.AddHours(72), "the GDPR deadline runs 72 hours from awareness on the exercise's clock");
        var before = fixture.SandboxMail.Messages.Count(m => m.Recipients.Contains(OnCall, StringComparer.OrdinalIgnoreCase));

        await AdvanceAsync(exercise, "PT70H");
        var approaching = await MailAsync(m => Says(m, "[Page] Deadline in "),
            "a warning of the GDPR deadline");
        await AdvanceAsync(exercise, "PT3H");
        var missed = await MailAsync(m => Says(m, "[Page] Deadline missed"),
            "the missed GDPR deadline");

        before.Should().Be(0, "nobody was paged before the clock reached the warnings");
        approaching.Subject.Should().StartWith("[Exercise: ", "an exercise's page goes through its sandbox channel and says so");
        approaching.TextBody.Should().Contain("1 of 1 in the on-call order", "the person learns where they stand in the order")
            .And.Contain($"/api/incidents/{incident}/deadlines", "the page links to the incident's deadlines");
        missed.TextBody.Should().Contain(Instant(due), "the page says when the duty was due");
        // The mail server takes the mail before the page records that it did: wait for the record, not only the mail.
        // Other duties of the incident are missed too and page as well: wait for the GDPR page's record in particular.
        var pages = await PagesAsync(exercise, incident, ps => ps.Any(p => p.Cause == PageCause.DeadlineMissed && p.Detail.Contains(Gdpr, StringComparison.Ordinal) &&
                                                                           p.Deliveries.Any(d => d.Accepted)));
        pages.Where(p => p.Cause == PageCause.DeadlineMissed && p.Detail.Contains(Gdpr, StringComparison.Ordinal)).Should().ContainSingle(
            "one missed deadline is one page, however often the schedule planned it").Which.Deliveries.Should().Contain(d => d.Channel == "email" && d.Accepted,
            "the page's record says the mail server took it");
        pages.Where(p => p.Cause == PageCause.DeadlineApproaching && p.Detail.Contains(Gdpr, StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(p => p.Recipients.Single().Email == OnCall, "deadline pages go to the exercise's own roster");
    }

    /// <summary>A page about the GDPR deadline whose subject says <paramref name="what"/>.</summary>
    private static bool Says(MimeMessage mail, string what) =>
        mail.Subject?.Contains(what, StringComparison.Ordinal) == true && mail.TextBody?.Contains(Gdpr, StringComparison.Ordinal) == true;

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private Task<JsonNode> AdvanceAsync(Guid exercise, string by) =>
        Lead.SendAsync(HttpMethod.Post, $"/api/exercises/{exercise}/clock/advance", new { by, reason = "let the deadline come" }, 200);

    private async Task<MimeMessage> MailAsync(Func<MimeMessage, bool> wanted, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var mails = fixture.SandboxMail.Messages.Where(m => m.Recipients.Contains(OnCall, StringComparer.OrdinalIgnoreCase))
                .Select(m => MimeMessage.Load(new MemoryStream(m.Raw))).ToList();
            if (mails.FirstOrDefault(wanted) is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"No page for {what} reached {OnCall} within 90 s; it received: " +
                                           string.Join(" | ", fixture.SandboxMail.Messages.Where(m => m.Recipients.Contains(OnCall, StringComparer.OrdinalIgnoreCase))
                                               .Select(m => MimeMessage.Load(new MemoryStream(m.Raw)).Subject)));
    }

    private async Task<IReadOnlyList<Page>> PagesAsync(Guid exercise, Guid incident, Func<IReadOnlyList<Page>, bool> recorded)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(ExerciseTenants.TenantOf(_organisation, exercise));
            var pages = await session.Query<Page>().Where(p => p.IncidentId == incident).ToListAsync();
            if (recorded(pages) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return pages;
            }

            await Task.Delay(250);
        }
    }
}
