using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>Crypto-shredding: the person's key goes, their data becomes unreadable, the events stay as they were.</summary>
public sealed class when_shopper_data_is_erased(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task the_events_remain_byte_for_byte_but_the_personal_data_is_gone()
    {
        var email = $"zoë.{Guid.NewGuid():N}@例え.example";
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Customer reports unknown charges",
            shop = "pii-shop",
            kind = "checkout-skimmer",
            detectedAt = "2026-11-20T08:00:00Z",
            reporter = new { email, name = "Zoë Ødegård 山田" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();

        var reporter = await Api.GetAsync($"/api/incidents/{id}/reporter");
        reporter["email"]!.GetValue<string>().Should().Be(email);
        reporter["name"]!.GetValue<string>().Should().Be("Zoë Ødegård 山田");
        var storedBefore = await RawEventDataAsync(id);
        storedBefore.Should().NotContain(email).And.NotContain("Ødegård", "personal data is stored encrypted only");

        var erasure = await Api.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new { email = email.ToUpperInvariant(), reason = "Art. 17 request of 2026-11-21" }, 200);

        erasure["keyExisted"]!.GetValue<bool>().Should().BeTrue("the address is matched whatever its case");
        var gone = await Api.GetAsync($"/api/incidents/{id}/reporter", 410);
        gone["title"]!.GetValue<string>().Should().Be("Personal data erased");
        (await RawEventDataAsync(id)).Should().Be(storedBefore, "the event stream is never rewritten, so it stays verifiable");
        (await Api.HistoryAsync(id)).Select(e => e!["type"]!.GetValue<string>()).Should().Equal(["incident_detected", "reporter_contact_revealed"],
            "the read that showed the contact is on the incident's access log; the one after the erasure showed nothing");
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("detected", "the incident itself is unaffected");
    }

    [Fact]
    public async Task a_malformed_reporter_address_is_refused()
    {
        var problem = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "t", shop = "s", kind = "other", detectedAt = "2026-11-20T08:00:00Z", reporter = new { email = "not an address" },
        }, 422);

        problem["errors"]!["reporter.email"].Should().NotBeNull();
    }

    [Fact]
    public async Task an_auditor_may_read_personal_data_but_not_erase_it()
    {
        var auditor = ApiAs("audit@acme.test", Organisation, Roles.Auditor);

        await auditor.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new { email = "a@b.example", reason = "x" }, 403);
    }

    private static async Task<string> RawEventDataAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select string_agg(data::text, '|' order by version) from casemanagement.mt_events where stream_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
