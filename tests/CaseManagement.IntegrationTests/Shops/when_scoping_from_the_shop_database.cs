using Alba;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Shops;

/// <summary>
/// A responder registers the shop, starts a scoping run for the skimmer's window and watches it finish;
/// the counts become the incident's residence facts and the people are kept, encrypted, for notification.
/// The shop is a generated WooCommerce HPOS shop in the test MariaDB.
/// </summary>
public sealed class when_scoping_from_the_shop_database(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);
    private readonly string _database = "shop_it_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    private static MySqlConnectionStringBuilder Server => new(TestDatabases.Shop);

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE `{_database}` CHARACTER SET utf8mb4");
        var settings = new ShopConnectionSettings(ShopPlatform.WooCommerce, new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = _database }.ConnectionString,
            "wp_", "Europe/Berlin");
        await ShopGenerator.GenerateAsync(settings, new ShopGenerationOptions(Customers: 150, Orders: 600, Seed: 7, From.AddDays(-10), To.AddDays(10)));
    }

    public Task DisposeAsync() => ExecuteAsync($"DROP DATABASE IF EXISTS `{_database}`");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private object Registration(string name, string? password = null, string prefix = "wp_", string readOnlyPassword = "casemanagement_ro") => new
    {
        name,
        platform = "woocommerce",
        host = Server.Server,
        port = (int)Server.Port,
        database = _database,
        user = Server.UserID,
        password = password ?? Server.Password,
        readOnlyUser = "casemanagement_ro",
        readOnlyPassword,
        tablePrefix = prefix,
        timeZone = "Europe/Berlin",
    };

    private async Task<Guid> IncidentAtAsync(string shop)
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Skimmer in checkout", shop, kind = "checkout-skimmer", detectedAt = "2026-03-16T08:00:00Z",
            dataCategories = new[] { "payment-card", "name", "email", "postal-address" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    private Task<JsonNode> WaitForRunAsync(Guid id, string status) =>
        Api.WaitForAsync($"/api/incidents/{id}/scope", v => v["latest"]?["status"]?.GetValue<string>() == status);

    [Fact]
    public async Task a_run_records_the_counts_as_facts_and_keeps_the_people_encrypted()
    {
        var shop = $"it-{_database[8..]}";
        var registered = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(shop), 201);
        registered.AsObject().Select(p => p.Key).Should().NotContain(k => k.Contains("password", StringComparison.OrdinalIgnoreCase), "a registered shop never shows a password");
        var id = await IncidentAtAsync(shop);

        await Api.ActAsync(id, "scope", new { from = From, to = To });
        var run = (await WaitForRunAsync(id, "completed"))["latest"]!;

        var expected = new ScopeTally();
        var readOnly = new ShopConnectionSettings(ShopPlatform.WooCommerce,
            new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = _database, UserID = "casemanagement_ro", Password = "casemanagement_ro" }.ConnectionString,
            "wp_", "Europe/Berlin");
        await foreach (var person in ShopScopers.For(readOnly).AffectedPeopleAsync(
                           new ScopeRequest(From, To, new HashSet<string> { "payment-card", "name", "email", "postal-address" }), null, CancellationToken.None))
        {
            expected.Add(person);
        }

        expected.People.Should().BeGreaterThan(50, "the generated shop has hundreds of orders in the window");
        run["peopleFound"]!.GetValue<long>().Should().Be(expected.People);
        var recorded = (await Api.HistoryAsync(id)).Single(e => e!["type"]!.GetValue<string>() == "affected_counts_recorded")!["data"]!;
        recorded["counts"]!.AsArray().ToDictionary(c => c!["residence"]!.GetValue<string>(), c => c!["count"]!.GetValue<long>())
            .Should().BeEquivalentTo(expected.ByJurisdiction, "the run's counts are the fact the deadlines read");
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("scoped");

        var stored = await StoredPeopleAsync(run["runId"]!.GetValue<Guid>());
        stored.Should().HaveCount((int)expected.People);
        stored.Should().OnlyContain(json => !json.Contains('@'), "contact details are stored encrypted, never as plain text");
    }

    [Fact]
    public async Task a_run_against_a_vanished_database_fails_with_the_reason_and_can_be_started_again()
    {
        var shop = $"it-{_database[8..]}-gone";
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(shop), 201);
        var id = await IncidentAtAsync(shop);
        await ExecuteAsync($"DROP DATABASE `{_database}`");

        await Api.ActAsync(id, "scope", new { from = From, to = To });
        var failed = (await WaitForRunAsync(id, "failed"))["latest"]!;

        failed["failure"]!.GetValue<string>().Should().Contain(_database).And.Contain("does not exist");
        (await Api.HistoryAsync(id)).Should().NotContain(e => e!["type"]!.GetValue<string>() == "affected_counts_recorded",
            "a failed run records no facts");
        await Api.ActAsync(id, "scope", new { from = From, to = To });
        (await Api.GetAsync($"/api/incidents/{id}/scope"))["runs"]!.AsArray().Should().HaveCount(2, "a retry is a new run beside the failed one");
    }

    [Fact]
    public async Task a_run_that_fails_on_our_side_ends_as_failed_with_the_reason_and_its_message_is_a_visible_dead_letter()
    {
        var shop = $"it-{_database[8..]}-shredded";
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(shop), 201);
        var id = await IncidentAtAsync(shop);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Organisation))
        {
            // The shop's credentials can no longer be read: not something the shop caused, and no retry heals it.
            var registered = await session.LoadAsync<RegisteredShop>(shop);
            session.HardDelete<DataSubjectKey>(registered!.ReadOnlyPassword!.SubjectId);
            await session.SaveChangesAsync();
        }

        await Api.ActAsync(id, "scope", new { from = From, to = To });
        var failed = (await WaitForRunAsync(id, "failed"))["latest"]!;

        failed["failure"]!.GetValue<string>().Should().Contain("were shredded", "the reason names the cause")
            .And.Contain("dead letters", "and where the failed work can be found");
        var runId = failed["runId"]!.GetValue<Guid>();
        var deadLetters = await Admin.WaitForAsync("/api/admin/dead-letters",
            d => d["deadLetters"]!.AsArray().Any(l => l!["message"]?["runId"]?.GetValue<Guid>() == runId));
        deadLetters["deadLetters"]!.AsArray().Single(l => l!["message"]?["runId"]?.GetValue<Guid>() == runId)!["exceptionMessage"]!.GetValue<string>()
            .Should().Contain("shredded");
        var ready = await Host.Scenario(x => x.Get.Url("/health/ready"));
        var readiness = JsonNode.Parse(await ready.ReadAsTextAsync())!;
        readiness["status"]!.GetValue<string>().Should().Be("Degraded", "readiness says some work was given up on");
        readiness["checks"]!["dead-letters"]!["description"]!.GetValue<string>().Should().Contain("/api/admin/dead-letters", "it says where an admin looks");

        var letter = deadLetters["deadLetters"]!.AsArray().Single(l => l!["message"]?["runId"]?.GetValue<Guid>() == runId)!["id"]!.GetValue<Guid>();
        await ApiAs("eve.admin@elsewhere.test", "elsewhere", Roles.Admin)
            .SendAsync(HttpMethod.Post, $"/api/admin/dead-letters/{letter}/discard", new { reason = "not mine" }, 404);
        await Admin.SendAsync(HttpMethod.Post, $"/api/admin/dead-letters/{letter}/discard", new { reason = " " }, 422);
        (await Admin.GetAsync("/api/admin/dead-letters"))["deadLetters"]!.AsArray().Should().Contain(l => l!["id"]!.GetValue<Guid>() == letter,
            "neither another organisation's admin nor a discard without a reason removes it");

        await Admin.SendAsync(HttpMethod.Post, $"/api/admin/dead-letters/{letter}/discard", new { reason = "the shop's credentials were shredded; registered again" }, 202);
        (await Admin.GetAsync("/api/admin/dead-letters"))["deadLetters"]!.AsArray().Should().NotContain(l => l!["id"]!.GetValue<Guid>() == letter,
            "a discarded dead letter is gone");
        var audit = (await ApiAs("avery.auditor@shop.test", Organisation, Roles.Auditor).GetAsync("/api/audit-log")).AsArray();
        audit.Should().Contain(e => e!["what"]!.GetValue<string>().Contains($"decided to discard the dead letter {letter}")
                && e["why"]!.GetValue<string>() == "the shop's credentials were shredded; registered again"
                && e["actor"]!["id"]!.GetValue<string>() == "user:ada.admin@shop.test",
            "who discarded which work, and why, stays on the organisation's audit log");
    }

    [Fact]
    public async Task two_runs_of_one_shop_at_once_both_complete_with_the_same_people()
    {
        var shop = $"it-{_database[8..]}-twice";
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(shop), 201);
        var first = await IncidentAtAsync(shop);
        var second = await IncidentAtAsync(shop);

        await Task.WhenAll(Api.ActAsync(first, "scope", new { from = From, to = To }), Api.ActAsync(second, "scope", new { from = From, to = To }));
        var runs = await Task.WhenAll(WaitForRunAsync(first, "completed"), WaitForRunAsync(second, "completed"));

        runs[0]["latest"]!["peopleFound"]!.GetValue<long>().Should().Be(runs[1]["latest"]!["peopleFound"]!.GetValue<long>(),
            "both runs read the same shop over the same window, and neither loses its people to the other's new keys");
    }

    [Fact]
    public async Task registration_tests_the_connection_and_the_layout()
    {
        var wrongPassword = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration("it-wrong-password", password: "nope-" + _database), 422);
        var wrongPrefix = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration("it-wrong-prefix", prefix: "wp2_"), 422);
        var unsafePrefix = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration("it-unsafe", prefix: "wp_`; DROP"), 422);
        var wrongReadOnly = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration("it-wrong-ro", readOnlyPassword: "not-the-ro-password"), 422);

        wrongPassword["errors"]!["connection"]!.ToJsonString().Should().Contain("refused the credentials").And.NotContain("nope-" + _database);
        wrongPrefix["errors"]!["tablePrefix"]![0]!.GetValue<string>().Should().Contain("wp2_").And.Contain("prefixes found in this database: 'wp_'",
            "the admin is told which prefix the database does use");
        unsafePrefix["errors"]!["tablePrefix"].Should().NotBeNull();
        wrongReadOnly["errors"]!["readOnlyUser"]![0]!.GetValue<string>().Should().Contain("refused the credentials of user 'casemanagement_ro'",
            "a wrong read-only password is the caller's mistake, named, not a 500").And.NotContain("not-the-ro-password");
        await Api.GetAsync("/api/shops/it-wrong-password", 404);
    }

    [Fact]
    public async Task a_run_for_a_shop_no_longer_registered_is_refused_up_front()
    {
        var shop = $"it-{_database[8..]}-unregistered";
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(shop), 201);
        var id = await IncidentAtAsync(shop);
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Organisation))
        {
            // As for an incident recorded before detection required a registered shop (ADR 30): its name is in no registration.
            session.HardDelete<RegisteredShop>(shop);
            await session.SaveChangesAsync();
        }

        var problem = await Api.ActAsync(id, "scope", new { from = From, to = To }, 422);

        problem["errors"]!["shop"]!.ToJsonString().Should().Contain("POST /api/shops");
        (await Api.VersionOfAsync(id)).Should().Be(1, "nothing was recorded");
    }

    private static async Task<List<string>> StoredPeopleAsync(Guid runId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select data::text from casemanagement.mt_doc_affectedpersonrecord where data->>'runId' = @run", connection);
        command.Parameters.AddWithValue("run", runId.ToString());
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
