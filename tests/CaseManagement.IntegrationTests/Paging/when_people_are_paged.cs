using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseManagement.IntegrationTests.Feed;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Paging.Acknowledging;
using CaseManagement.Paging.Delivering;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Triggers;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using Marten;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Wolverine;

namespace CaseManagement.IntegrationTests.Paging;

/// <summary>
/// A page reaches the on-call person by e-mail (the local SMTP sink) and signed chat webhook (a real receiver on loopback), is taken
/// on by link or through the API, and goes to the next person when nobody answers. Each scenario pages people of its own, so the
/// mail it reads is its own.
/// </summary>
[Collection(PagingCollection.Name)]
public sealed partial class when_people_are_paged(PagingFixture fixture) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private WebhookReceiver _chat = null!;

    private IncidentApi Admin => fixture.ApiAs("ada.admin@shop.test", Roles.Admin);

    private IncidentApi Responder => fixture.Api();

    private string Email(string who) => $"{who}.{_run}@shop.test";

    public async Task InitializeAsync() => _chat = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private object Person(string who, string? webhook = null) => new { name = who, email = Email(who), webhookUrl = webhook, timeZone = "UTC" };

    private async Task<JsonNode> SetRosterAsync(int minutes, params object[] people) =>
        await Admin.SendAsync(HttpMethod.Post, "/api/on-call/roster", new { people, acknowledgeWithinMinutes = minutes, reason = "night rota for the card-skimming season" }, 200);

    /// <summary>Raises a page as the trigger subscription does, in <paramref name="tenant"/>.</summary>
    private async Task<Guid> RaiseAsync(string tenant = "acme")
    {
        var raise = new RaisePage(PageTriggers.Id($"test/{Guid.NewGuid():N}"), PageCause.CriticalAlert, $"Critical alert on shop-{_run}: rogue admin",
            "A new administrator appeared in wp_users.", "triage item (test)", "/api/triage", null, null);
        await InvokeAsync(tenant, raise);
        return raise.PageId;
    }

    private async Task InvokeAsync(string tenant, object message)
    {
        using var scope = fixture.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeForTenantAsync(tenant, message);
    }

    private Task<JsonNode> PageAsync(Guid id, Func<JsonNode, bool> done) => Responder.WaitForAsync($"/api/pages/{id}", done);

    private static bool Delivered(JsonNode page, int count) => page["deliveries"]!.AsArray().Count >= count;

    private async Task<MimeMessage> MailToAsync(string who)
    {
        var to = Email(who);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (fixture.Mail.Messages.FirstOrDefault(m => m.Recipients.Contains(to, StringComparer.OrdinalIgnoreCase)) is { } message)
            {
                return MimeMessage.Load(new MemoryStream(message.Raw));
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"No page reached {to} within 90 s; the sink holds mail for: " +
                                           string.Join(", ", fixture.Mail.Messages.SelectMany(m => m.Recipients)));
    }

    private static string TokenIn(MimeMessage mail) => TokenLine().Match(mail.TextBody).Groups["token"].Value;

    [GeneratedRegex(@"^Token: (?<token>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();

    private Task<JsonNode> AcknowledgeByLinkAsync(string token, int expectedStatus) =>
        new IncidentApi(fixture.Host, null).SendAsync(HttpMethod.Post, "/api/pages/acknowledge-by-link", new { token }, expectedStatus);

    [Fact]
    public async Task a_page_reaches_the_first_person_by_mail_and_signed_webhook_and_is_acknowledged_by_the_link_once()
    {
        var set = await SetRosterAsync(15, Person("ada", _chat.Url), Person("ben"));
        var secret = set["webhookSecret"]!.GetValue<string>();

        var pageId = await RaiseAsync();

        var mail = await MailToAsync("ada");
        mail.Subject.Should().Be($"[Page] Critical alert on shop-{_run}: rogue admin", "the subject says what needs a person");
        mail.TextBody.Should().Contain("https://ir.shop.test/api/triage", "the page links to what to look at").And
            .Contain("1 of 2", "the person learns where they stand in the order").And.Contain("ben", "and who gets it next");
        var hooks = await _chat.WaitForAsync(h => h.Count >= 1, "the chat page");
        hooks[0].SignedWith(secret).Should().BeTrue("a chat relay verifies the page with the roster's secret (Standard Webhooks)");
        hooks[0].Event["text"]!.GetValue<string>().Should().Contain("rogue admin", "chat tools show the text field");
        var sent = await PageAsync(pageId, p => Delivered(p, 2));
        sent["deliveries"]!.AsArray().Select(d => (d!["channel"]!.GetValue<string>(), d["accepted"]!.GetValue<bool>()))
            .Should().BeEquivalentTo([("email", true), ("webhook", true)], "both channels accepted the page, and the record says so");

        var acknowledged = await AcknowledgeByLinkAsync(TokenIn(mail), 200);

        acknowledged["by"]!.GetValue<string>().Should().Be("ada", "the link acknowledges as the person it was sent to");
        var page = await Responder.GetAsync($"/api/pages/{pageId}");
        page["status"]!.GetValue<string>().Should().Be("acknowledged");
        page["acknowledgedVia"]!.GetValue<string>().Should().Be("link");
        var again = await AcknowledgeByLinkAsync(TokenIn(mail), 409);
        again["title"]!.GetValue<string>().Should().Be("Page already acknowledged", "a link works once: the page is acknowledged");
        again["detail"]!.GetValue<string>().Should().Contain("by ada", "the refusal says who took the page");
        (await Responder.GetAsync($"/api/pages/{pageId}"))["version"]!.GetValue<long>().Should().Be(page["version"]!.GetValue<long>(),
            "the refused second use recorded nothing");
    }

    [Fact]
    public async Task the_generated_link_key_is_kept_only_wrapped_under_the_master_key()
    {
        var pageId = await RaiseAsync();
        var token = await fixture.Host.Services.GetRequiredService<PageLinks>().TokenAsync("acme", pageId, 0, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);

        await using var query = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await query.LoadAsync<PagingLinkKey>(PagingLinkKey.DocumentId);
        stored.Should().NotBeNull("without Paging:LinkKey the service generates one key for every node");
        var ring = fixture.Host.Services.GetRequiredService<MasterKeyRing>();
        var key = ring.Unwrap(PagingLinkKey.KeyPurpose, stored!.Key);
        var parts = token.Split('.');
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Join('.', parts[..4])))).Should()
            .Be(parts[4], "links are signed with the key the document wraps");
        var raw = await query.QueryAsync<string>($"select data::text from {CaseManagement.Infrastructure.EventStoreConfiguration.Schema}.mt_doc_paginglinkkey where id = ?", PagingLinkKey.DocumentId);
        raw.Single().Should().NotContain(Convert.ToBase64String(key), "the database holds the key only encrypted under the master key");
        FluentActions.Invoking(() => ring.Unwrap("someone@shop.test", stored.Key)).Should().Throw<CryptographicException>(
            "the wrapped key is bound to its purpose and cannot pass for a person's key");
    }

    [Fact]
    public async Task an_unacknowledged_page_goes_to_the_next_person_after_the_time_allowed()
    {
        await SetRosterAsync(1, Person("cem"), Person("dee"));

        var pageId = await RaiseAsync();
        await MailToAsync("cem");

        var toDee = await MailToAsync("dee");
        toDee.TextBody.Should().Contain("2 of 2", "Dee is the second of the order").And.Contain("you are the last", "nobody comes after Dee");
        var page = await PageAsync(pageId, p => p["step"]!.GetValue<int>() == 1 && Delivered(p, 2));
        page["status"]!.GetValue<string>().Should().Be("open", "nobody has acknowledged yet");
        var history = await Responder.GetAsync($"/api/pages/{pageId}");
        history["recipients"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Equal(["cem", "dee"]);
    }

    [Fact]
    public async Task a_page_acknowledged_through_the_api_does_not_escalate_when_its_time_is_up()
    {
        await SetRosterAsync(15, Person("eve"), Person("fay"));
        var pageId = await RaiseAsync();
        await PageAsync(pageId, p => Delivered(p, 1));

        var answer = await Responder.SendAsync(HttpMethod.Post, $"/api/pages/{pageId}/acknowledge", new { note = "on it from the train" }, 200);
        answer["acknowledgedBy"]!.GetValue<string>().Should().Be($"user:{IncidentApi.Responder}", "the API acknowledges as the signed-in person");

        // The timer of Eve's step fires now instead of in 15 minutes.
        await InvokeAsync("acme", new CheckPageAcknowledged(pageId, 0));

        var page = await Responder.GetAsync($"/api/pages/{pageId}");
        page["step"]!.GetValue<int>().Should().Be(0, "an acknowledged page stays with the person who took it");
        page["status"]!.GetValue<string>().Should().Be("acknowledged");
        fixture.Mail.Messages.Should().NotContain(m => m.Recipients.Contains(Email("fay")), "Fay is never paged for a page Eve took");
        await Responder.SendAsync(HttpMethod.Post, $"/api/pages/{pageId}/acknowledge", new { }, 409);
    }

    [Fact]
    public async Task a_forged_or_expired_link_is_refused_with_a_problem_and_records_nothing()
    {
        await SetRosterAsync(15, Person("gus"));
        var pageId = await RaiseAsync();
        var token = TokenIn(await MailToAsync("gus"));
        var before = (await PageAsync(pageId, p => Delivered(p, 1)))["version"]!.GetValue<long>();
        var parts = token.Split('.');
        var otherStep = string.Join('.', parts[0], parts[1], "1", parts[3], parts[4]);
        var links = fixture.Host.Services.GetRequiredService<PageLinks>();
        var expired = await links.TokenAsync("acme", pageId, 0, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        var forged = await AcknowledgeByLinkAsync(otherStep, 401);
        var late = await AcknowledgeByLinkAsync(expired, 401);
        var garbage = await AcknowledgeByLinkAsync("not-a-token", 401);

        forged["detail"]!.GetValue<string>().Should().Contain("signature", "an altered link is told apart from an expired one");
        late["detail"]!.GetValue<string>().Should().Contain("expired", "the person learns the link is too old, and what to do instead");
        garbage["detail"]!.GetValue<string>().Should().Contain("malformed");
        var page = await Responder.GetAsync($"/api/pages/{pageId}");
        page["version"]!.GetValue<long>().Should().Be(before, "a refused link records nothing");
        page["status"]!.GetValue<string>().Should().Be("open");
    }

    [Fact]
    public async Task an_exercise_never_pages_the_real_roster()
    {
        await SetRosterAsync(15, Person("hal"));
        var exercise = ExerciseTenants.TenantOf("acme", Guid.NewGuid());

        var pageId = await RaiseAsync(exercise);

        var store = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.QuerySession(exercise);
        var page = await session.LoadAsync<Page>(pageId);
        page!.Status.Should().Be(PageStatus.Unanswered, "the exercise has no roster of its own, and the organisation's is not a fallback");
        page.Recipients.Should().BeEmpty("nobody of the real roster is in the exercise's page");
        page.UnansweredWhy.Should().Contain("no on-call roster", "the record says why nobody was paged");
        await using var real = store.QuerySession("acme");
        (await real.LoadAsync<Page>(pageId)).Should().BeNull("the page belongs to the exercise, not to the organisation's record");
        fixture.Mail.Messages.Should().NotContain(m => m.Recipients.Contains(Email("hal")), "the organisation's own roster is never paged from an exercise");
    }

    [Fact]
    public async Task the_roster_is_for_administrators_and_says_what_is_wrong_with_it()
    {
        await Responder.SendAsync(HttpMethod.Post, "/api/on-call/roster", new { people = new[] { Person("ivy") }, acknowledgeWithinMinutes = 5, reason = "me, me, me" }, 403);

        var invalid = await Admin.SendAsync(HttpMethod.Post, "/api/on-call/roster", new
        {
            people = new[] { new { name = "Jo", email = "jo", timeZone = "Mars/Olympus", from = "8:00", until = (string?)null, webhookUrl = "ftp://chat" } },
            acknowledgeWithinMinutes = 0,
            reason = "x",
        }, 422);

        invalid["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(
            ["people[0].email", "people[0].timeZone", "people[0].until", "people[0].from", "people[0].webhookUrl", "acknowledgeWithinMinutes", "reason"],
            "every problem is named at once, by its field");

        await SetRosterAsync(10, Person("ivy"), Person("jon"));
        var roster = await Admin.GetAsync("/api/on-call/roster");
        roster["people"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal(["ivy", "jon"]);
        roster["changedBy"]!.GetValue<string>().Should().Be("user:ada.admin@shop.test", "the record says who changed the roster");
        roster["reason"]!.GetValue<string>().Should().Contain("card-skimming", "and why");
        roster["onDutyNow"]!.AsArray().Should().HaveCount(2, "people without hours are always on duty");
    }
}
