using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// Several shoppers' reports name the same person for the first time, at the same moment: each request records its
/// incident, all of them under the one key that person gets, and nothing a failed write leaves behind reads as tampering.
/// </summary>
public sealed class when_requests_race_for_the_same_new_person(AppFixture fixture) : ServiceScenario(fixture)
{
    private const int Requests = 8;

    [Fact]
    public async Task every_request_records_its_incident_under_the_one_key_and_the_chain_stays_intact()
    {
        var organisation = $"race-{Guid.NewGuid():N}"[..16];
        var api = ApiAs(IncidentApi.Responder, organisation, Roles.Responder, Roles.ComplianceLead);
        var email = $"first.time.{Guid.NewGuid():N}@example.test";
        // The shop's registration keeps its database password under a key of its own in the organisation too.
        await TestShops.EnsureRegisteredAsync(Host, TokenFor(IncidentApi.Responder, organisation, Roles.Responder), "race-shop");
        var keysBefore = await KeysOfAsync(organisation);

        var created = await Task.WhenAll(Enumerable.Range(1, Requests).Select(n => api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = $"Report {n} of unknown charges", shop = "race-shop", kind = "checkout-skimmer", detectedAt = "2026-11-20T08:00:00Z",
            reporter = new { email, name = "Ines Race" },
        }, 201)));

        foreach (var incident in created)
        {
            (await api.GetAsync($"/api/incidents/{incident["id"]}/reporter"))["email"]!.GetValue<string>()
                .Should().Be(email, "every incident's reporter is readable: all were encrypted under the key that was stored");
        }

        (await KeysOfAsync(organisation) - keysBefore).Should().Be(1, "the person has one key, whichever request created it");
        var chain = await api.GetAsync("/api/chain/verify");
        chain["intact"]!.GetValue<bool>().Should().BeTrue("no write failed, and a failed one would leave no false alarm: {0}", chain.ToJsonString());
    }

    private static async Task<long> KeysOfAsync(string organisation)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from casemanagement.mt_doc_datasubjectkey where tenant_id = @org", connection);
        command.Parameters.AddWithValue("org", organisation);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
