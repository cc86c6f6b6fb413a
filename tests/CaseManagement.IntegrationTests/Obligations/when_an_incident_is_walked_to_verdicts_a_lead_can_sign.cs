using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>
/// A whole incident (issue 14, "Done when"): a skimmer at a shop whose customers live in California, Maryland, Virginia,
/// Great Britain and Quebec is detected and scoped, the duties that must precede the consumer notice are submitted, a
/// campaign tells the people, the regulators are told, and the incident closes. After each step the deadline timeline's
/// verdict is checked for every obligation in play: met only when every recipient it names was told by its own act and by
/// a notice approved (or justified) for the residents; what is still owed is named; undetermined duties need facts.
/// </summary>
public sealed class when_an_incident_is_walked_to_verdicts_a_lead_can_sign(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private static readonly (string Country, string State)[] Residences = [("US", "CA"), ("US", "MD"), ("US", "VA"), ("GB", ""), ("CA", "QC")];

    private NotifiedShop _shop = null!;

    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Approver => ApiAs("anna.approver@shop.test", Organisation, Roles.Approver);

    /// <summary>Approves the templates the lead drafts (four eyes).</summary>
    private IncidentApi SecondLead => ApiAs("lou.lead@shop.test", Organisation, Roles.ComplianceLead);

    public async Task InitializeAsync() =>
        _shop = await NotifiedShop.CreateAsync(ApiAs("ada.admin@shop.test", Organisation, Roles.Admin), Lead, SecondLead, residences: Residences);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task every_verdict_on_the_way_from_detection_to_close_is_one_the_events_prove()
    {
        var id = _shop.IncidentId;
        await Lead.ActAsync(id, "facts/risk-assessment", new
        {
            riskToIndividuals = true, highRisk = true, significantHarm = true, reasoning = "full card numbers with names and addresses: fraud is likely",
        });

        await Lead.ActAsync(id, "facts/encryption", new { status = "unencrypted", reason = "the skimmer read the card form in the browser" });

        // Scoped: nothing is met, and whatever may apply names the fact it waits for (items 1, 5).
        var scoped = await TimelineAsync(id);
        scoped.Should().OnlyContain(o => !Status(o).StartsWith("met") && o["told"]!.AsArray().Count == 0, "no one has been told anything yet");
        ExpectFactsNamedForUndetermined(scoped);
        var inPlay = scoped.Where(o => Applies(o) && Recipients(o).Count > 0).Select(RuleId).ToList();
        inPlay.Should().Contain(["us-ca-1798.82-individuals", "us-md-individuals", "us-va-individuals-ag", "ca-qc-law25-cai-individuals"],
            "the scope found residents of California, Maryland, Virginia and Quebec");

        // Templates: California's own, Virginia's (which Maryland residents also get, unchecked for Maryland), Quebec's in
        // French, and a catch-all justified for Great Britain only.
        var suffix = _shop.Database[8..];
        var virginia = await NotifiedShop.ApprovedTemplateAsync(Lead, SecondLead, $"va-{suffix}", "US-VA");
        var quebec = await NotifiedShop.ApprovedTemplateAsync(Lead, SecondLead, $"qc-{suffix}", "CA-QC", language: "fr");
        var catchAll = await NotifiedShop.ApprovedTemplateAsync(Lead, SecondLead, $"all-{suffix}", "US-TX", approvedFor: "*");
        await Lead.ActAsync(id, "generic-content-justifications", new
        {
            jurisdiction = "GB", justification = "counsel compared the catch-all notice with UK GDPR Art. 34(2): every item is there",
        });
        var draft = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/campaigns", _shop.Campaign("Skimmer notice", templates: new Dictionary<string, string>
        {
            ["US-CA"] = _shop.CaliforniaTemplate, ["US-MD"] = virginia, ["US-VA"] = virginia, ["CA-QC"] = quebec, ["*"] = catchAll,
        }), 201);
        var campaignId = draft["id"]!.GetValue<Guid>();

        // Ordering (item 3): approval is refused, naming each duty that must come before the consumer notice.
        var ordering = await Lead.GetAsync($"/api/campaigns/{campaignId}/ordering");
        var mustPrecede = ordering["blocking"]!.AsArray().Select(d => d!).ToList();
        mustPrecede.Select(RuleId).Should().Contain("us-md-ag", "Maryland's attorney general must be told before the consumers");
        var refused = await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/approve", new { }, 409);
        refused["mustPrecede"]!.AsArray().Select(RuleId).Should().BeEquivalentTo(mustPrecede.Select(RuleId), "the refusal names every duty that holds it back");
        refused["detail"]!.GetValue<string>().Should().Contain("us-md-ag");

        // The authorities ordered first are told, each by a submission of its own.
        var submitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var duty in mustPrecede)
        {
            await SubmitAsync(id, RuleId(duty), Owed(duty));
            submitted.Add(RuleId(duty));
        }

        // A submission posted twice is recorded once (item 8); the same act with another document is a conflict.
        var first = mustPrecede[0];
        await SubmitAsync(id, RuleId(first), Owed(first));
        (await Lead.HistoryAsync(id)).Count(e => Type(e) == "regulator_submission_recorded" && e!["data"]!["ruleId"]!.GetValue<string>() == RuleId(first))
            .Should().Be(1, "posting the same submission again replays it");
        var conflict = await Lead.ActAsync(id, "submissions", Submission(RuleId(first), Owed(first), sha: new string('b', 64)), 409);
        conflict["title"]!.GetValue<string>().Should().Be("Submission already recorded");
        conflict["detail"]!.GetValue<string>().Should().Contain("document SHA-256").And.Contain("needs a reference of its own");

        (await Lead.GetAsync($"/api/campaigns/{campaignId}/ordering"))["blocking"]!.AsArray().Should().BeEmpty("every duty ordered first was submitted");
        var ordered = await TimelineAsync(id);
        foreach (var o in ordered.Where(o => submitted.Contains(RuleId(o))))
        {
            o["told"]!.AsArray().Should().Contain(t => t!["act"]!.GetValue<string>() == "submission", "{0} was submitted", RuleId(o));
        }

        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/approve", new { }, 200);
        var done = await Lead.WaitForAsync($"/api/campaigns/{campaignId}", c => c["status"]?.GetValue<string>() == "completed");
        done["failed"]!.GetValue<long>().Should().Be(0);

        // After the campaign (items 1, 2): individuals are told where the notice was approved or justified for them, never
        // the authorities; Maryland's residents got Virginia's notice, which nobody checked for Maryland.
        // The campaign's outcome reaches the incident by a message of its own, after the campaign shows completed.
        var completed = (await Lead.WaitForAsync($"/api/incidents/{id}/events", h => h.AsArray().Any(e => Type(e) == "notification_campaign_completed")))
            .AsArray().Single(e => Type(e) == "notification_campaign_completed")!["data"]!;
        var notified = await TimelineAsync(id);
        ExpectFactsNamedForUndetermined(notified);
        foreach (var o in notified.Where(o => Applies(o) && Recipients(o).Contains("individuals")))
        {
            var individualsTold = o["told"]!.AsArray().Any(t => t!["recipient"]!.GetValue<string>() == "individuals" && t["act"]!.GetValue<string>() == "campaign");
            if (RuleId(o) == "us-md-individuals")
            {
                individualsTold.Should().BeFalse("Maryland residents got a notice approved for Virginia");
                Status(o).Should().NotStartWith("met");
                Owed(o).Should().Contain("individuals");
            }
            else
            {
                individualsTold.Should().BeTrue("{0}: the campaign reached its residents with a notice approved or justified for them (not counted: {1})",
                    RuleId(o), completed["notCounted"]?.ToJsonString());
            }
        }

        foreach (var o in notified.Where(o => Applies(o) && !submitted.Contains(RuleId(o)) && Recipients(o).Any(r => r != "individuals")))
        {
            Status(o).Should().NotStartWith("met", "{0} names {1}, which no act has told", RuleId(o), string.Join(", ", Recipients(o)));
            Owed(o).Should().Contain(Recipients(o).Where(r => r != "individuals"), "{0} still owes its authorities", RuleId(o));
            if (Recipients(o).Contains("individuals"))
            {
                Status(o).Should().Be("partly-met", "{0}: the individuals were told, the authority was not", RuleId(o));
            }
        }

        Obligation(notified, "us-va-individuals-ag")["owed"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal(["attorney-general"]);
        completed["notCounted"]!.AsArray().Should().Contain(n => n!["ruleId"]!.GetValue<string>() == "us-md-individuals"
            && n["basis"]!.GetValue<string>() == "approved-for-another", "the campaign says why it did not meet Maryland's duty");

        // Drafts (items 9, 10): the ICO report counts UK residents only; Maryland's letter drafts although its residents got Virginia's notice.
        var deliveries = (await Lead.GetAsync($"/api/campaigns/{campaignId}/deliveries?pageSize=1000"))["deliveries"]!.AsArray();
        var britons = deliveries.Count(d => d!["jurisdiction"]?.GetValue<string>() == "GB");
        britons.Should().BeGreaterThan(0).And.BeLessThan(deliveries.Count);
        var ico = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/submissions/draft", new { kind = "uk-ico-report" }, 200);
        ico["plainText"]!.GetValue<string>().Should().Contain($"resident in the UK: {britons}", "the ICO hears of the UK residents, not all {0}", deliveries.Count);
        var letter = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/submissions/draft", new { kind = "state-ag-letter", jurisdiction = "US-MD" }, 200);
        letter["plainText"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        // Close (item 4): refused while duties are open, each listed.
        var open = notified.Where(o => (Applies(o) || Undetermined(o)) && Recipients(o).Count > 0 && !Status(o).StartsWith("met")).Select(RuleId).ToList();
        var closeRefused = await Lead.ActAsync(id, "close", new { summary = "done?" }, 409);
        closeRefused["openDuties"]!.AsArray().Select(RuleId).Should().BeEquivalentTo(open, "each open duty is listed");

        // The authorities are told; Maryland's residents' duty is waived with a reason; undetermined ones are waived too.
        foreach (var o in notified.Where(o => Applies(o) && !submitted.Contains(RuleId(o)) && Owed(o).Any(r => r != "individuals")))
        {
            await SubmitAsync(id, RuleId(o), Owed(o));
        }

        var waived = new List<string>();
        foreach (var duty in (await Lead.GetAsync($"/api/incidents/{id}/closure-check"))["open"]!.AsArray())
        {
            var rule = RuleId(duty!);
            Owed(duty!).Where(r => r != "individuals").Should().BeEmpty("{0}: every authority has had its submission", rule);
            await Lead.ActAsync(id, "obligations/waive", new { ruleId = rule, reason = "a corrected notice went out by post; the lead signs off on it" });
            waived.Add(rule);
        }

        waived.Should().Contain("us-md-individuals");
        await Lead.ActAsync(id, "close", new { summary = "everyone told or dispositioned" }, 200);
        var closed = await TimelineAsync(id);
        foreach (var o in closed.Where(o => (Applies(o) || Undetermined(o)) && Recipients(o).Count > 0))
        {
            if (waived.Contains(RuleId(o)))
            {
                Status(o).Should().NotStartWith("met", "a waiver settles {0} for closing, it does not meet it", RuleId(o));
                o["waiver"]!["by"]!.GetValue<string>().Should().Be("user:lena.lead@shop.test");
            }
            else
            {
                Status(o).Should().StartWith("met", "{0}: every recipient was told by its own act", RuleId(o));
                Owed(o).Should().BeEmpty();
            }
        }
    }

    private async Task SubmitAsync(Guid id, string ruleId, IReadOnlyList<string> owed) =>
        await Lead.ActAsync(id, "submissions", Submission(ruleId, owed));

    // One instant for every submission of the scenario, so a submission posted again is the same in every detail.
    private readonly DateTimeOffset _submittedAt = DateTimeOffset.UtcNow.AddSeconds(-1);

    private object Submission(string ruleId, IReadOnlyList<string> owed, string? sha = null) => new
    {
        ruleId, kind = "other", submittedAt = _submittedAt, channel = "regulator portal", reference = $"REF-{ruleId}",
        documentSha256 = sha ?? new string('a', 64), recipients = owed.Where(r => r != "individuals").ToArray(),
    };

    private static void ExpectFactsNamedForUndetermined(IEnumerable<JsonNode> timeline)
    {
        // Exposures (fines) name no one to tell and are no duty to act on.
        foreach (var o in timeline.Where(o => Undetermined(o) && Recipients(o).Count > 0 && !Status(o).StartsWith("met") && o["waiver"] is null))
        {
            Status(o).Should().Be("needs-facts", "{0} may apply; it is not due, missed or met", RuleId(o));
            o["missingFacts"]!.AsArray().Should().NotBeEmpty("{0} names the fact that would settle it", RuleId(o));
        }
    }

    private async Task<List<JsonNode>> TimelineAsync(Guid id) =>
        [.. (await Lead.GetAsync($"/api/incidents/{id}/deadlines"))["obligations"]!.AsArray().Select(o => o!)];

    private static JsonNode Obligation(IEnumerable<JsonNode> timeline, string ruleId) => timeline.Single(o => RuleId(o) == ruleId);

    private static string RuleId(JsonNode? o) => o!["ruleId"]!.GetValue<string>();

    private static string Status(JsonNode o) => o["status"]!.GetValue<string>();

    private static string Type(JsonNode? e) => e!["type"]!.GetValue<string>();

    private static bool Applies(JsonNode o) => o["applicability"]!.GetValue<string>() == "applies";

    private static bool Undetermined(JsonNode o) => o["applicability"]!.GetValue<string>() == "undetermined";

    private static List<string> Owed(JsonNode o) => [.. o["owed"]!.AsArray().Select(r => r!.GetValue<string>())];

    /// <summary>Every recipient the rule names: those told and those still owed.</summary>
    private static List<string> Recipients(JsonNode o) =>
        [.. o["told"]!.AsArray().Select(t => t!["recipient"]!.GetValue<string>()).Concat(Owed(o)).Distinct()];
}
