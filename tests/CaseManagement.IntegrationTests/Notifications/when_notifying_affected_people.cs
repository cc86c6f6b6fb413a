using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Proofs;
using CaseManagement.Security;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace CaseManagement.IntegrationTests.Notifications;

/// <summary>
/// From scope to delivered mail: a compliance lead drafts a campaign to the people a scoping run found, two different
/// people approve it, the service sends through a real SMTP server on loopback, every delivery is recorded with its
/// proof, the campaign's Merkle root lands on the incident, and the deadline timeline shows the individuals notified.
/// </summary>
public sealed class when_notifying_affected_people(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private NotifiedShop _shop = null!;

    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Approver => ApiAs("anna.approver@shop.test", Organisation, Roles.Approver);

    public async Task InitializeAsync() =>
        _shop = await NotifiedShop.CreateAsync(ApiAs("ada.admin@shop.test", Organisation, Roles.Admin), Lead,
            ApiAs("lou.lead@shop.test", Organisation, Roles.ComplianceLead));

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    /// <summary>A campaign drafted, with any duty that must precede it waived: these scenarios are about sending.</summary>
    private async Task<JsonNode> DraftAsync(string name, int ratePerMinute = 60_000)
    {
        var draft = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign(name, ratePerMinute), 201);
        await NotifiedShop.ClearOrderingAsync(Lead, _shop.IncidentId, draft["id"]!.GetValue<Guid>());
        return draft;
    }

    /// <summary>
    /// Waits for the campaign's status; for "completed" also for the outcome on the incident, which arrives by a message of
    /// its own a moment after the campaign reads completed (the deadline timeline and the history read the incident).
    /// </summary>
    private async Task<JsonNode> WaitForCampaignAsync(Guid id, string status)
    {
        var campaign = await Lead.WaitForAsync($"/api/campaigns/{id}", c => c["status"]?.GetValue<string>() == status);
        if (status == "completed")
        {
            await Api.WaitForAsync($"/api/incidents/{_shop.IncidentId}/events", h => h.AsArray().Any(e =>
                e!["type"]!.GetValue<string>() == "notification_campaign_completed" && e["data"]?["campaignId"]?.GetValue<Guid>() == id));
        }

        return campaign;
    }

    [Fact]
    public async Task two_approvals_send_to_everyone_once_and_every_delivery_is_provable_against_the_incident()
    {
        var before = Mail.ReceivedCount;
        var draft = await DraftAsync("Skimmer notice");
        var id = draft["id"]!.GetValue<Guid>();

        draft["status"]!.GetValue<string>().Should().Be("awaiting-approvals");
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { comment = "wording checked" }, 200);
        var twice = await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 409);
        twice["detail"]!.GetValue<string>().Should().Contain("two-person rule", "one person cannot approve twice");
        Mail.ReceivedCount.Should().Be(before, "nothing is sent on one approval");
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { comment = "second pair of eyes" }, 200);
        var done = await WaitForCampaignAsync(id, "completed");

        done["sent"]!.GetValue<long>().Should().Be(_shop.People, "every affected person with an email address is notified");
        done["failed"]!.GetValue<long>().Should().Be(0);
        (Mail.ReceivedCount - before).Should().Be(_shop.People, "each person gets exactly one message");
        var history = await Api.HistoryAsync(_shop.IncidentId);
        var completed = history.Single(e => e!["type"]!.GetValue<string>() == "notification_campaign_completed")!["data"]!;
        completed["merkleRoot"]!.GetValue<string>().Should().Be(done["merkleRoot"]!.GetValue<string>());
        completed["approvers"]!.AsArray().Select(a => a!.GetValue<string>()).Should().BeEquivalentTo(["user:lena.lead@shop.test", "user:anna.approver@shop.test"]);
        history.Should().Contain(e => e!["type"]!.GetValue<string>() == "incident_notified", "the lifecycle records the individuals notified");
        (await Api.GetAsync($"/api/incidents/{_shop.IncidentId}"))["status"]!.GetValue<string>().Should().Be("notified");

        var deliveries = await Lead.GetAsync($"/api/campaigns/{id}/deliveries?pageSize=1000");
        var delivery = deliveries["deliveries"]!.AsArray()[0]!;
        var proof = await Lead.GetAsync($"/api/campaigns/{id}/deliveries/{delivery["personId"]!.GetValue<string>()}/proof");
        proof["verified"]!.GetValue<bool>().Should().BeTrue();
        VerifyLikeAnAuditor(proof, completed["merkleRoot"]!.GetValue<string>());
        proof["recordedAs"]!["version"]!.GetValue<long>().Should().Be(
            history.Single(e => e!["type"]!.GetValue<string>() == "notification_campaign_completed")!["version"]!.GetValue<long>());
        deliveries["deliveries"]!.AsArray().Select(d => d!["toSha256"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        deliveries.ToJsonString().Should().NotContain("@example", "delivery records keep addresses only as hashes");
    }

    [Fact]
    public async Task the_deadline_timeline_shows_the_individuals_notified_and_californians_got_the_california_notice()
    {
        var id = (await DraftAsync("Notice with timeline"))["id"]!.GetValue<Guid>();
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await WaitForCampaignAsync(id, "completed");

        var timeline = await Lead.GetAsync($"/api/incidents/{_shop.IncidentId}/deadlines?include=all");
        var california = timeline["obligations"]!.AsArray().FirstOrDefault(o => o!["ruleId"]!.GetValue<string>() == "us-ca-1798.82-individuals");
        var records = await Lead.GetAsync($"/api/campaigns/{id}/deliveries?pageSize=1000");
        var californians = records["deliveries"]!.AsArray().Where(d => d!["jurisdiction"]?.GetValue<string>() == "US-CA").ToList();
        californians.Should().NotBeEmpty("the generated shop has customers in California");
        californians.Should().OnlyContain(d => d!["template"]!.GetValue<string>() == $"{_shop.CaliforniaTemplate}:v1", "Californians get the California notice");
        california.Should().NotBeNull();
        california!["status"]!.GetValue<string>().Should().StartWith("met", "the campaign's completion satisfies the California notice to individuals");

        Mail.Messages.Select(m => Encoding.UTF8.GetString(m.Raw)).Should().Contain(m => m.Contains("Notice of Data Breach"),
            "the California notice carries the title the statute requires");
    }

    [Fact]
    public async Task redelivering_every_fan_out_message_changes_nothing()
    {
        var id = (await DraftAsync("Idempotency drill"))["id"]!.GetValue<Guid>();
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        var done = await WaitForCampaignAsync(id, "completed");
        var (mail, incidentVersion) = (Mail.ReceivedCount, await Api.VersionOfAsync(_shop.IncidentId));
        var records = (await Lead.GetAsync($"/api/campaigns/{id}/deliveries?pageSize=1000"))["deliveries"]!.AsArray().Select(d => d!).ToList();

        using var scope = Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var tenant = new DeliveryOptions { TenantId = Organisation };
        await bus.PublishAsync(new PlanCampaign(id), tenant);
        var after = $"{done["scopingRunId"]!.GetValue<Guid>():N}:";
        foreach (var batch in records.GroupBy(r => r["batch"]!.GetValue<int>()).OrderBy(g => g.Key))
        {
            var last = batch.Select(r => r["personId"]!.GetValue<string>()).Max(StringComparer.Ordinal)!;
            await bus.PublishAsync(new SendCampaignBatch(id, batch.Key, after, last), tenant);
            after = last;
        }

        await bus.PublishAsync(new CompleteCampaign(id), tenant);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Mail.ReceivedCount.Should().Be(mail, "no one is notified twice by a redelivered batch");
        (await Api.VersionOfAsync(_shop.IncidentId)).Should().Be(incidentVersion, "the outcome is recorded on the incident once");
        var again = await Lead.GetAsync($"/api/campaigns/{id}");
        again["version"]!.GetValue<long>().Should().Be(done["version"]!.GetValue<long>(), "no batch is counted twice");
        again["sent"]!.GetValue<long>().Should().Be(done["sent"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_refused_address_is_recorded_as_failed_with_the_providers_words_and_the_rest_still_go()
    {
        var people = (await Lead.GetAsync($"/api/incidents/{_shop.IncidentId}/scope"))["latest"]!["peopleFound"]!.GetValue<long>();
        var id = (await DraftAsync("Notice with a bounce"))["id"]!.GetValue<Guid>();
        var before = Mail.ReceivedCount;
        Mail.FailTemporarily(451);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        var done = await WaitForCampaignAsync(id, "completed");
        Mail.ClearFailures();

        done["failed"]!.GetValue<long>().Should().Be(people, "every notice met a temporary refusal until its attempts ran out");
        Mail.ReceivedCount.Should().Be(before);
        var failed = (await Lead.GetAsync($"/api/campaigns/{id}/deliveries?status=failed&pageSize=5"))["deliveries"]!.AsArray()[0]!;
        failed["attempts"]!.GetValue<int>().Should().Be(3, "two retries after the first attempt");
        failed["providerResponse"]!.GetValue<string>().Should().Contain("451");
        (await Api.HistoryAsync(_shop.IncidentId)).Should().NotContain(e => e!["type"]!.GetValue<string>() == "incident_notified",
            "nobody was notified, so the incident is not");
    }

    [Fact]
    public async Task a_paused_campaign_stops_sending_within_a_second_and_a_resumed_one_finishes_without_repeats()
    {
        var id = (await DraftAsync("Slow notice", ratePerMinute: 120))["id"]!.GetValue<Guid>();
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        var before = Mail.ReceivedCount;
        await Lead.WaitForAsync($"/api/campaigns/{id}", _ => Mail.ReceivedCount - before >= 2);

        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/pause", new { reason = "the hotline is not staffed yet" }, 200);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whilePaused = Mail.ReceivedCount;
        await Task.Delay(TimeSpan.FromSeconds(3));

        Mail.ReceivedCount.Should().Be(whilePaused, "nothing is sent while the campaign is paused");
        (await Lead.GetAsync($"/api/campaigns/{id}"))["status"]!.GetValue<string>().Should().Be("paused");
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/pause", new { reason = "again" }, 409);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/resume", new { }, 200);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/cancel", new { reason = "the notice text is wrong" }, 200);
        var cancelled = await WaitForCampaignAsync(id, "cancelled");
        var sent = cancelled["sent"]!.GetValue<long>();
        await Task.Delay(TimeSpan.FromSeconds(3));

        (Mail.ReceivedCount - before).Should().BeLessThan(_shop.People, "a cancelled campaign sends no further notices");
        (await Lead.GetAsync($"/api/campaigns/{id}/deliveries?pageSize=1000"))["deliveries"]!.AsArray()
            .Count(d => d!["status"]!.GetValue<string>() == "sent").Should().BeGreaterThanOrEqualTo((int)sent, "what was sent stays recorded");
    }

    [Fact]
    public async Task every_notice_the_provider_accepted_is_recorded_before_the_next_one_is_sent()
    {
        // One batch sends one notice at a time: at any moment at most one accepted notice may lack its record, so a crash
        // repeats at most that one (docs/delivery-proofs.md). Records written in groups would show a larger gap.
        var id = (await DraftAsync("Notice recorded as it goes", ratePerMinute: 600))["id"]!.GetValue<Guid>();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var before = Mail.ReceivedCount;
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);

        var widest = 0L;
        var samples = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Mail.ReceivedCount - before < _shop.People && DateTime.UtcNow < deadline)
        {
            // Mail first, records second: records only grow, so the gap read is never smaller than the true one.
            var mailed = Mail.ReceivedCount - before;
            await using var session = store.QuerySession(Organisation);
            var recorded = await session.Query<DeliveryRecord>().CountAsync(r => r.CampaignId == id && r.Status == DeliveryRecord.Sent);
            widest = Math.Max(widest, mailed - recorded);
            samples++;
            await Task.Delay(20);
        }

        await WaitForCampaignAsync(id, "completed");
        samples.Should().BeGreaterThan(20, "the campaign sends ten a second, so it is watched while it sends");
        widest.Should().BeLessThanOrEqualTo(1, "only the notice being sent may be unrecorded; every earlier one was recorded before it");
    }

    [Fact]
    public async Task a_regulator_submission_is_written_from_the_record_and_meets_its_obligation()
    {
        var id = (await DraftAsync("Notice before the regulator"))["id"]!.GetValue<Guid>();
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await WaitForCampaignAsync(id, "completed");

        var report = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/submissions/draft", new { kind = "gdpr-article33" }, 200);
        var sample = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/submissions/draft", new { kind = "california-ag-sample" }, 200);

        report["plainText"]!.GetValue<string>().Should().Contain("Example Shop Ltd").And.Contain("dpo@shop.test", "Art. 33(3)(b) asks for the contact point");
        report["sections"]!.AsArray().Select(x => x!["heading"]!.GetValue<string>()).Should().ContainInOrder(
            ["(a) Nature of the personal data breach (Art. 33(3)(a))", "(b) Data protection officer or other contact point (Art. 33(3)(b))",
             "(c) Likely consequences of the breach (Art. 33(3)(c))", "(d) Measures taken or proposed (Art. 33(3)(d))"], "the items in the order Art. 33(3) lists them");
        report["plainText"]!.GetValue<string>().Should().NotContain("Reasons for the delay", "the awareness was less than 72 hours ago");
        sample["plainText"]!.GetValue<string>().Should().Contain("Notice of Data Breach").And.NotContain("@example", "the sample carries no one's personal data");
        var sha = report["sha256"]!.GetValue<string>();
        await Lead.ActAsync(_shop.IncidentId, "submissions", new
        {
            ruleId = "eu-gdpr-art33-sa", kind = "gdpr-article33", submittedAt = DateTimeOffset.UtcNow.AddMinutes(-5), channel = "supervisory authority web form",
            reference = "SA-2026-0042", documentSha256 = sha,
        });
        var timeline = await Lead.GetAsync($"/api/incidents/{_shop.IncidentId}/deadlines?include=all");
        timeline["obligations"]!.AsArray().Single(o => o!["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa")!["status"]!.GetValue<string>()
            .Should().StartWith("met", "the submission satisfies the regulator notification");
        (await Api.HistoryAsync(_shop.IncidentId)).Should().Contain(e => e!["type"]!.GetValue<string>() == "regulator_submission_recorded"
                                                                       && e!["data"]!["documentSha256"]!.GetValue<string>() == sha);
    }

    /// <summary>What an auditor does with the proof alone: rebuild the leaf, fold both paths, compare with the root on the incident.</summary>
    private static void VerifyLikeAnAuditor(JsonNode proof, string rootOnIncident)
    {
        var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(proof["canonical"]!.GetValue<string>()));
        Convert.ToHexStringLower(leaf).Should().Be(proof["leafHash"]!.GetValue<string>());
        byte[][] Path(string name) => [.. proof[name]!.AsArray().Select(h => Convert.FromHexString(h!.GetValue<string>()))];
        var batchRoot = Convert.FromHexString(proof["batchRoot"]!.GetValue<string>());
        MerkleTree.Verify(leaf, proof["position"]!.GetValue<int>(), proof["batchSize"]!.GetValue<int>(), Path("batchPath"), batchRoot)
            .Should().BeTrue("the delivery is in its batch");
        MerkleTree.Verify(batchRoot, proof["batch"]!.GetValue<int>(), proof["batches"]!.GetValue<int>(), Path("campaignPath"), Convert.FromHexString(rootOnIncident))
            .Should().BeTrue("the batch is in the campaign whose root the incident recorded");
    }
}
