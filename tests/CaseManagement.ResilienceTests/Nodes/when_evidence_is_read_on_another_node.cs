using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// ADR 36: evidence a containment run preserved on one node is downloaded and verified on another after the first is killed.
/// Each node has an evidence folder of its own, as separate machines would, so the bundle can only come from where every
/// node reads: PostgreSQL.
/// </summary>
public sealed class when_evidence_is_read_on_another_node(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "casemanagement_evidence_node_tests";
    private static readonly string Folders = Path.Combine(AppFixture.EvidenceRoot, "evidence-nodes");

    private AttackedShop _shop = null!;
    private ClusterOfProcesses _cluster = null!;

    private static readonly string Logs = Path.Combine(Tools.RepositoryRoot, "artifacts", "evidence-nodes");

    private static string FolderOf(int node) => Path.Combine(Folders, $"node-{node + 1}");

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync(Database);
        await TestHosts.DropSchemasAsync(connection);
        if (Directory.Exists(Folders))
        {
            Directory.Delete(Folders, recursive: true);
        }

        _shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wpn_");
        _cluster = new ClusterOfProcesses(connection, new Dictionary<string, string> { ["Escalation:Enabled"] = "false" },
            Logs,
            node => new Dictionary<string, string> { ["Evidence:Root"] = FolderOf(node) });
        await _cluster.StartAsync(2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [OutageFact]
    public async Task a_bundle_written_by_a_killed_node_downloads_from_another_with_every_hash_checked()
    {
        var admin = await _cluster.ClientAsync(0, "ada.admin@shop.test", Roles.Admin);
        await ClusterOfProcesses.SendAsync(admin, HttpMethod.Post, "/api/shops", _shop.Registration());
        var writer = await _cluster.ClientAsync(0, "rita.responder@shop.test", Roles.Responder);
        var id = (await ClusterOfProcesses.SendAsync(writer, HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = _shop.Name, kind = "account-takeover",
            detectedAt = DateTimeOffset.UtcNow.AddHours(-1), dataCategories = new[] { "email" },
        }))["id"]!.GetValue<Guid>();
        await ClusterOfProcesses.SendAsync(writer, HttpMethod.Post, $"/api/incidents/{id}/containment",
            new { playbook = "account-takeover", parameters = new { adminLogin = AttackedShop.Attacker }, reason = "evidence drill" });
        var evidenceId = await PreservedEvidenceAsync(writer, id);
        var item = (await ClusterOfProcesses.SendAsync(writer, HttpMethod.Get, $"/api/incidents/{id}/evidence")).AsArray().Single()!;
        var files = item["files"]!.AsArray().Select(f => (Name: f!["name"]!.GetValue<string>(), Sha256: f["sha256"]!.GetValue<string>())).ToList();

        (await File.ReadAllTextAsync(Path.Combine(Logs, "node-1.log"))).Should().Contain("step preserve-evidence: preserved",
            "node 1, which was asked, ran the step (its durable local queue)");
        await _cluster.KillAsync(0);
        var reader = await _cluster.ClientAsync(1, "rita.responder@shop.test", Roles.Responder);

        foreach (var (name, sha256) in files)
        {
            using var download = await reader.GetAsync($"/api/incidents/{id}/evidence/{evidenceId}/files/{name}");
            var bytes = await download.Content.ReadAsByteArrayAsync();
            download.StatusCode.Should().Be(HttpStatusCode.OK, "node 2 serves {0} that node 1 wrote: {1}", name, System.Text.Encoding.UTF8.GetString(bytes));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(sha256, "{0} is served exactly as recorded when it was collected", name);
        }

        (await ClusterOfProcesses.SendAsync(reader, HttpMethod.Post, $"/api/incidents/{id}/evidence/{evidenceId}/verify", new { }))["intact"]!
            .GetValue<bool>().Should().BeTrue("node 2 hashes every file again and finds each as recorded");
        var custody = (await ClusterOfProcesses.SendAsync(reader, HttpMethod.Get, $"/api/incidents/{id}/evidence")).AsArray().Single()!["custody"]!.AsArray()
            .Select(c => c!["action"]!.GetValue<string>()).ToList();
        custody.Should().Equal(["collected", .. files.Select(_ => "downloaded"), "verified"], "every access on node 2 joins the chain of custody");
        Directory.Exists(FolderOf(0)).Should().BeFalse("node 1 wrote nothing to its local folder: the bundle went to PostgreSQL");
        output.WriteLine($"evidence {evidenceId}: {files.Count} files written on node 1, downloaded and verified on node 2 after node 1 was killed");
    }

    private static async Task<Guid> PreservedEvidenceAsync(HttpClient client, Guid id)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        JsonNode? step = null;
        while (DateTime.UtcNow < until)
        {
            var view = await ClusterOfProcesses.SendAsync(client, HttpMethod.Get, $"/api/incidents/{id}/containment");
            step = view["latest"]?["steps"]?.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<string>() == "preserve-evidence");
            if (step?["status"]?.GetValue<string>() is "succeeded" or "failed")
            {
                break;
            }

            await Task.Delay(500);
        }

        step?["status"]?.GetValue<string>().Should().Be("succeeded", "node 1 preserves the evidence: {0}", step?.ToJsonString());
        return step!["evidenceId"]!.GetValue<Guid>();
    }
}
