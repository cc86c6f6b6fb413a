using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>Incidents in an organisation of each scenario's own, and a wait for the daemon to link them.</summary>
[Collection(ChainCollection.Name)]
public abstract class ChainScenario(ChainFixture fixture)
{
    protected ChainFixture Fixture => fixture;

    /// <summary>An organisation no other scenario uses, so its chain report is this scenario's alone.</summary>
    protected string Organisation { get; } = $"chain-{Guid.NewGuid():N}"[..20];

    protected IncidentApi Api => fixture.ApiFor(Organisation);

    /// <summary>Detected, then <paramref name="notes"/> notes: versions 1 to notes + 1.</summary>
    protected async Task<Guid> IncidentWithNotesAsync(int notes)
    {
        var id = await Api.DetectAsync("chain-shop");
        for (var n = 1; n <= notes; n++)
        {
            await Api.ActAsync(id, "add-note", new { text = $"note {n}: what the responder saw" });
        }

        return id;
    }

    /// <summary>
    /// Polls the incident's record until the daemon has linked all <paramref name="events"/> of the incident's own stream
    /// (at most 60 s) and the record holds; answers the incident stream's verification.
    /// </summary>
    protected async Task<JsonNode> LinkedAsync(Guid id, int events)
    {
        var record = await Api.WaitForAsync($"/api/incidents/{id}/chain", c => IncidentStream(c)?["eventsChecked"]!.GetValue<long>() == events);
        record["intact"]!.GetValue<bool>().Should().BeTrue("nothing touched incident {0} yet: {1}", id, record.ToJsonString());
        return IncidentStream(record)!;
    }

    /// <summary>The verification of the incident's own stream, as the record's chain check answers it.</summary>
    protected async Task<JsonNode> ChainAsync(Guid id) =>
        IncidentStream(await Api.GetAsync($"/api/incidents/{id}/chain")) ?? throw new Xunit.Sdk.XunitException($"incident {id} has no checked stream");

    private static JsonNode? IncidentStream(JsonNode record) =>
        record["streams"]!.AsArray().FirstOrDefault(s => s!["stream"]!.GetValue<string>() == "incident")?["verification"];

    protected Task<JsonNode> ReportAsync() => Api.GetAsync("/api/chain/verify");

    protected Task<object?> SqlAsync(Guid stream, string sql) =>
        ChainFixture.SqlAsync(sql, ("org", Organisation), ("stream", stream));

    protected static async Task<(bool Intact, string Output)> VerifyChainsCliAsync(ChainFixture fixture, string? organisation, Guid? incident = null)
    {
        var output = new StringWriter();
        var intact = await CaseManagement.Audit.Chain.VerifyChainsCommand.RunAsync(fixture.Host.Services, organisation, incident, output, CancellationToken.None);
        return (intact, output.ToString());
    }

    protected static void ShouldBreak(JsonNode chain, string kind, long version)
    {
        chain["intact"]!.GetValue<bool>().Should().BeFalse("the stored history was tampered with: {0}", chain.ToJsonString());
        chain["firstBreak"]!["kind"]!.GetValue<string>().Should().Be(kind, chain.ToJsonString());
        chain["firstBreak"]!["version"]!.GetValue<long>().Should().Be(version, chain.ToJsonString());
    }
}
