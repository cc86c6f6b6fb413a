using CaseManagement.Incidents;
using CaseManagement.Monitoring;
using CaseManagement.Shops.Detection;
using FluentAssertions;

namespace CaseManagement.UnitTests.Monitoring;

/// <summary>What a monitoring pass raises, clears and takes as normal, from the baseline and what it saw.</summary>
public sealed class the_baseline_decisions
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly MonitoringRules Rules = new(TimeSpan.FromDays(14), FailedLoginBurst: 5);
    private static readonly Guid BaselineId = ShopBaseline.StreamId("org", "shop-1");

    private static WatchedItem Admin(long id, string roles = "administrator", DateTimeOffset? created = null) =>
        new(WatchedItems.AdminKey(id), WatchedCategory.Admin, $"{roles}|full|active", $"admin {id} ({roles})", IncidentKind.AccountTakeover, Severity.High,
            created ?? Now.AddYears(-2));

    private static WatchedItem Key(string id, DateTimeOffset? created, long? owner = null) =>
        new($"credential:woo-commerce-api-key:{id}", WatchedCategory.Credential, $"read_write||{owner}", $"API key {id}", IncidentKind.LeakedApiKey, Severity.High,
            created, owner is null ? null : WatchedItems.AdminKey(owner.Value));

    private static WatchedItem Plugin(string name, string version = "-") =>
        new($"extension:word-press-plugin:{name}", WatchedCategory.Extension, version, $"plugin {name}", IncidentKind.PluginCompromise, Severity.Medium);

    private static WatchedItem Skimmer(string where) =>
        new($"skimmer:{where}", WatchedCategory.Skimmer, "abc", $"script at {where}", IncidentKind.CheckoutSkimmer, Severity.Critical);

    private static WatchedItem Failures(long count) =>
        new("failed-logins:admin:1", WatchedCategory.FailedLogins, $"{count}", $"{count} failed", IncidentKind.AccountTakeover, Severity.Medium, Count: count);

    private static readonly WatchedItem[] Quiet = [Admin(1), Key("7", Now.AddYears(-1), owner: 1), Plugin("woocommerce/woocommerce.php")];

    /// <summary>The baseline after a first pass over <paramref name="items"/> and the given later events.</summary>
    private static ShopBaseline After(IReadOnlyList<WatchedItem> items, params object[] later)
    {
        var first = BaselineDecisions.Decide(null, items, Rules, Now);
        object[] events =
        [
            new ShopBaselineRecorded(BaselineId, "shop-1", first.Baseline!),
            .. first.Raise.Select(Raised),
            .. later,
        ];
        return Folded.With<ShopBaseline>(null, Now, "system:shop-monitoring", events);
    }

    private static ShopMonitoringFindingRaised Raised(FindingToRaise f) =>
        new(BaselineId, "shop-1", f.Key, f.Category, f.Change, f.Digest, f.Description, f.Count, f.Kind, f.Severity, f.Why, Guid.NewGuid(), $"ref-{f.Key}");

    private static MonitoringDecision Pass(ShopBaseline baseline, params WatchedItem[] seen) => BaselineDecisions.Decide(baseline, seen, Rules, Now.AddMinutes(5));

    [Fact]
    public void a_first_pass_takes_what_the_shop_holds_as_normal_but_flags_skimmers_recent_admins_and_their_keys()
    {
        var decision = BaselineDecisions.Decide(null,
        [
            .. Quiet, Admin(9, created: Now.AddDays(-2)), Key("8", created: null, owner: 9), Key("10", Now.AddDays(-1)), Skimmer("wp_options[footer]"),
        ], Rules, Now);

        decision.Raise.Select(r => (r.Key, r.Change)).Should().BeEquivalentTo(new[]
        {
            ("admin:9", BaselineDecisions.FlaggedOnFirstPass), ("credential:woo-commerce-api-key:8", BaselineDecisions.FlaggedOnFirstPass),
            ("credential:woo-commerce-api-key:10", BaselineDecisions.FlaggedOnFirstPass), ("skimmer:wp_options[footer]", BaselineDecisions.FlaggedOnFirstPass),
        }, "a skimmer is bad wherever it is; an admin created two days ago, its undated key and a key created yesterday are the likeliest to be an attacker's");
        decision.Baseline!.Select(b => b.Key).Should().BeEquivalentTo(Quiet.Select(q => q.Key),
            "the two-year-old admin, its year-old key and the shop's plugin are what the shop was when monitoring began");
        decision.Clear.Should().BeEmpty();
    }

    [Theory]
    [InlineData(15, false, "created before the 14-day look-back: part of the shop as monitoring found it")]
    [InlineData(13, true, "created within the look-back before the first pass")]
    public void a_first_pass_judges_an_admin_by_the_look_back(int daysOld, bool flagged, string because)
    {
        var decision = BaselineDecisions.Decide(null, [Admin(3, created: Now.AddDays(-daysOld))], Rules, Now);

        decision.Raise.Any().Should().Be(flagged, because);
        decision.Baseline!.Any().Should().Be(!flagged, because);
    }

    [Fact]
    public void a_quiet_shop_raises_nothing_on_the_next_pass() =>
        Pass(After(Quiet), Quiet).Should().BeEquivalentTo(new MonitoringDecision(null, [], []), "nothing changed since the baseline");

    [Fact]
    public void a_new_admin_is_raised_once_and_not_again_while_it_stays()
    {
        var first = Pass(After(Quiet), [.. Quiet, Admin(5)]);
        first.Raise.Should().ContainSingle().Which.Should().Match<FindingToRaise>(r => r.Key == "admin:5" && r.Change == BaselineDecisions.New,
            "admin 5 is not in the baseline");

        var again = Pass(After(Quiet, Raised(first.Raise[0])), [.. Quiet, Admin(5)]);

        again.Raise.Should().BeEmpty("the change is open already: a second pass has nothing new to say");
        again.Clear.Should().BeEmpty("the admin is still there");
    }

    [Fact]
    public void an_admin_given_more_rights_is_a_change()
    {
        var decision = Pass(After(Quiet), Admin(1, "administrator,shop_manager"), Quiet[1], Quiet[2]);

        decision.Raise.Should().ContainSingle().Which.Change.Should().Be(BaselineDecisions.Changed, "admin 1's roles differ from the baseline's");
    }

    [Fact]
    public void a_raised_change_that_goes_away_is_cleared_and_raised_again_when_it_returns()
    {
        var raised = Pass(After(Quiet), [.. Quiet, Admin(5)]).Raise[0];
        var gone = Pass(After(Quiet, Raised(raised)), Quiet);
        gone.Clear.Should().ContainSingle().Which.Key.Should().Be("admin:5", "containment locked the account: it has no rights any more");

        var back = Pass(After(Quiet, Raised(raised), new ShopMonitoringFindingCleared(BaselineId, "shop-1", "admin:5", raised.Digest, "gone")), [.. Quiet, Admin(5)]);

        back.Raise.Should().ContainSingle().Which.Key.Should().Be("admin:5", "an attacker who comes back is news again");
    }

    [Fact]
    public void an_accepted_change_is_normal_from_then_on()
    {
        var raised = Pass(After(Quiet), [.. Quiet, Plugin("akismet/akismet.php")]).Raise[0];
        var baseline = After(Quiet, Raised(raised),
            new ShopBaselineChangeAccepted(BaselineId, "shop-1", raised.Key, raised.Digest, "sam.responder@shop.test", "the shop installed it on purpose"));

        Pass(baseline, [.. Quiet, Plugin("akismet/akismet.php")]).Should().BeEquivalentTo(new MonitoringDecision(null, [], []),
            "the responder accepted the plugin into the baseline");
        baseline.Items.Should().ContainKey(raised.Key);
        baseline.History.Last().By.Should().Be("sam.responder@shop.test");
    }

    [Fact]
    public void an_extension_that_is_no_longer_active_is_raised_and_cleared_when_it_is_back()
    {
        var removed = Pass(After(Quiet), Quiet[0], Quiet[1]);
        removed.Raise.Should().ContainSingle().Which.Should().Match<FindingToRaise>(r => r.Change == BaselineDecisions.Removed,
            "an extension switched off is a change: attackers disable security plugins");

        Pass(After(Quiet, Raised(removed.Raise[0])), Quiet).Clear.Should().ContainSingle("the plugin is active again, as the baseline says");
    }

    [Fact]
    public void an_admin_that_leaves_the_baseline_raises_nothing()
    {
        Pass(After(Quiet), Quiet[2]).Should().BeEquivalentTo(new MonitoringDecision(null, [], []),
            "an admin demoted or deleted and its key revoked is no new way in");
    }

    [Theory]
    [InlineData(3, 7, false, "4 more failures than the baseline's 3: under the burst of 5")]
    [InlineData(3, 8, true, "5 more failures than the baseline's 3")]
    [InlineData(9, 5, true, "below the baseline's 9: the shop reset the counter, so 5 count from zero")]
    [InlineData(9, 4, false, "reset, and 4 from zero is under the burst")]
    public void failed_logins_are_a_burst_when_they_rise_by_the_threshold(long baselineCount, long seen, bool burst, string because) =>
        Pass(After([Failures(baselineCount)]), Failures(seen)).Raise.Any().Should().Be(burst, because);

    [Theory]
    [InlineData(12, false, false, "no more failures since the alert at 12")]
    [InlineData(16, false, false, "4 more since the alert: under the burst")]
    [InlineData(17, true, false, "5 more since the alert: another burst")]
    [InlineData(2, false, true, "the counter went down: the shop reset it, the burst is over")]
    public void a_raised_burst_is_raised_again_only_for_another_burst(long seen, bool raised, bool cleared, string because)
    {
        var burst = Pass(After([Failures(0)]), Failures(12)).Raise.Single();

        var decision = Pass(After([Failures(0)], Raised(burst)), Failures(seen));

        decision.Raise.Any().Should().Be(raised, because);
        decision.Clear.Any().Should().Be(cleared, because);
    }

    [Fact]
    public void disabled_webhooks_and_revoked_tokens_are_not_watched_and_role_order_is_no_change()
    {
        IntegrationCredential Webhook(string status) => new(CredentialKind.WooCommerceWebhook, "3", "Order sync", null, Now, null, null, status, "order.created",
            "https://exfil.example/hook", null, null, "webhook");
        AdminAccount Account(params string[] roles) => new(1, "ada", null, null, null, roles, true, true, null, null, null, "admin");

        var items = WatchedItems.From([Account("a", "b")], [Webhook("active"), Webhook("disabled")], [], [], [], new FailedLogins([]));
        var reordered = WatchedItems.From([Account("b", "a")], [], [], [], [], new FailedLogins([]));

        items.Where(i => i.Category == WatchedCategory.Credential).Should().ContainSingle("a disabled webhook sends nothing; re-enabled it is new again");
        reordered.Single().Digest.Should().Be(items.First(i => i.Category == WatchedCategory.Admin).Digest, "roles are a set");
    }

    [Fact]
    public void a_locked_magento_admin_is_cleared_not_raised_again_and_reactivating_her_is_new_again()
    {
        IReadOnlyList<WatchedItem> Seen(bool active) => WatchedItems.From(
            [new AdminAccount(9, "eve", null, null, Now.AddDays(-1), ["Administrators"], true, active, null, null, null, "admin")], [], [], [], [], new FailedLogins([]));
        var flagged = After(Seen(active: true));

        var locked = Pass(flagged, [.. Seen(active: false)]);
        var reactivated = Pass(After(Seen(active: true), new ShopMonitoringFindingCleared(BaselineId, "shop-1", "admin:9", "Administrators|full|active", "locked")),
            [.. Seen(active: true)]);

        locked.Raise.Should().BeEmpty("a deactivated account lets nobody in: containment's lock is no new back-office account");
        locked.Clear.Select(c => c.Key).Should().Equal(["admin:9"], "the flagged account is locked");
        reactivated.Raise.Select(r => r.Key).Should().Equal(["admin:9"], "an account switched back on is back-office access again");
    }

    [Fact]
    public void a_shops_baseline_stream_is_the_same_for_the_same_shop_and_organisation_only() =>
        new[] { ShopBaseline.StreamId("org", "shop-1"), ShopBaseline.StreamId("org", "shop-2"), ShopBaseline.StreamId("other", "shop-1") }
            .Should().OnlyHaveUniqueItems("each organisation's shop has a baseline of its own")
            .And.Contain(ShopBaseline.StreamId("org", "shop-1"));

}
