using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.IntegrationTests.Security;

public sealed class when_machines_use_api_keys(AppFixture fixture) : ServiceScenario(fixture)
{
    private IncidentApi Admin => ApiAs("admin@acme.test", Organisation, Roles.Admin);

    [Fact]
    public async Task an_admin_creates_a_key_that_works_once_shown_and_is_stored_only_as_a_hash()
    {
        var created = await Admin.SendAsync(HttpMethod.Post, "/api/admin/api-keys", new { name = "SIEM webhook", roles = new[] { "responder" } }, 201);
        var key = created["key"]!.GetValue<string>();
        var prefix = created["apiKey"]!["prefix"]!.GetValue<string>();

        key.Should().StartWith($"cmk_{prefix}_");
        var id = await DetectWithKeyAsync(key);
        var history = await Api.HistoryAsync(id);
        history[0]!["actor"]!.GetValue<string>().Should().Be($"api-key:{prefix} (SIEM webhook)", "events name the key, never its secret");

        var listed = (JsonArray)await Admin.GetAsync("/api/admin/api-keys");
        var row = listed.Single(k => k!["prefix"]!.GetValue<string>() == prefix)!;
        row["lastUsedAt"].Should().NotBeNull("the admin sees when a key was last used");
        row.ToJsonString().Should().NotContain(key.Split('_')[2], "a listing never shows the secret");
        (await StoredKeyDocumentAsync(prefix)).Should().NotContain(key.Split('_')[2], "only a hash of the secret is stored");
    }

    [Fact]
    public async Task a_revoked_key_stops_working_at_once()
    {
        var created = await Admin.SendAsync(HttpMethod.Post, "/api/admin/api-keys", new { name = "shop monitor", roles = new[] { "responder" } }, 201);
        var key = created["key"]!.GetValue<string>();
        await DetectWithKeyAsync(key);

        await Admin.SendAsync(HttpMethod.Post, $"/api/admin/api-keys/{created["apiKey"]!["id"]}/revoke", new { reason = "rotated" }, 200);

        var refused = await CallWithKeyAsync(key, 401);
        refused.Should().NotContain(key);
    }

    [Fact]
    public async Task a_key_cannot_carry_a_person_s_decision_roles()
    {
        var problem = await Admin.SendAsync(HttpMethod.Post, "/api/admin/api-keys", new { name = "too strong", roles = new[] { "admin", "compliance-lead" } }, 422);

        problem["detail"]!.GetValue<string>().Should().Contain("'admin' is not one of").And.Contain("'compliance-lead' is not one of");
    }

    [Fact]
    public async Task a_guessed_key_is_refused_and_never_logged()
    {
        var guess = "cmk_abcdefgh_" + new string('A', 43);

        await CallWithKeyAsync(guess, 401);

        Logs.Lines.Should().NotContain(l => l.Contains(new string('A', 43)), "secrets never reach a log");
        Logs.Lines.Should().Contain(l => l.Contains("abcdefgh"), "the prefix identifies the attempt");
    }

    [Fact]
    public async Task keys_of_another_organisation_are_invisible_to_its_admin()
    {
        var created = await Admin.SendAsync(HttpMethod.Post, "/api/admin/api-keys", new { name = "acme only", roles = new[] { "auditor" } }, 201);
        var otherAdmin = ApiAs("admin@globex.test", "globex", Roles.Admin);

        var listed = (JsonArray)await otherAdmin.GetAsync("/api/admin/api-keys");
        listed.Select(k => k!["id"]!.GetValue<Guid>()).Should().NotContain(created["apiKey"]!["id"]!.GetValue<Guid>());
        await otherAdmin.SendAsync(HttpMethod.Post, $"/api/admin/api-keys/{created["apiKey"]!["id"]}/revoke", new { }, 404);
    }

    private async Task<Guid> DetectWithKeyAsync(string key)
    {
        await TestShops.EnsureRegisteredAsync(Host, TokenFor(IncidentApi.Responder, Organisation, Roles.Responder), "api-key-shop");
        var result = await Host.Scenario(x =>
        {
            x.Post.RawJson(IncidentApi.Json(IncidentApi.NewIncident("api-key-shop"))).ToUrl("/api/incidents");
            x.WithRequestHeader("X-Api-Key", key);
            x.StatusCodeShouldBe(201);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!["id"]!.GetValue<Guid>();
    }

    private async Task<string> CallWithKeyAsync(string key, int status)
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/api/incidents");
            x.WithRequestHeader("Authorization", $"ApiKey {key}");
            x.StatusCodeShouldBe(status);
        });
        return await result.ReadAsTextAsync();
    }

    private static async Task<string> StoredKeyDocumentAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from casemanagement.mt_doc_apikey where data->>'prefix' = @p", connection);
        command.Parameters.AddWithValue("p", prefix);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
