using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// A responder runs the account-takeover playbook against a WooCommerce shop where "mallory" holds an administrator
/// login: the evidence is copied first, the account is locked and its credentials revoked on the real MariaDB shop,
/// the person does the manual step, and the incident records it is contained. Rolling the lock back restores the roles.
/// </summary>
public sealed class when_containing_an_account_takeover_on_woocommerce(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp5_")
{
    private async Task<Guid> TakeoverAsync()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = Shop.Name, kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
            dataCategories = new[] { "email", "name" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task the_account_is_locked_its_credentials_revoked_and_the_incident_contained_after_the_manual_step()
    {
        var id = await TakeoverAsync();
        var capabilitiesBefore = await Shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp5_capabilities'", ("@id", Shop.AttackerId));

        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");

        foreach (var step in new[] { "preserve-evidence", "lock-admin", "revoke-account-credentials", "scan-skimmer-locations" })
        {
            StepOf(waiting, step).ShouldHaveSucceeded();
        }

        StepOf(waiting, "lock-admin")["changes"]!.AsArray().Select(c => c!["what"]!.GetValue<string>())
            .Should().Contain(w => w.Contains("roles removed")).And.Contain(w => w.Contains("password hash scrambled"), "the record says exactly what changed");
        StepOf(waiting, "rotate-secrets")["checklist"]!.AsArray().Should().NotBeEmpty("the person gets the steps only they can take");
        StepOf(waiting, "rotate-secrets")["options"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Contain("complete");
        (await Shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp5_capabilities'", ("@id", Shop.AttackerId)))
            .Should().Be("a:0:{}", "the attacker's administrator role is gone");
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'session_tokens'", ("@id", Shop.AttackerId)))
            .Should().Be("0", "the attacker's sessions are ended");
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys` WHERE user_id = @id", ("@id", Shop.AttackerId)))
            .Should().Be("0", "the account's API keys are revoked");
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("detected", "containment is not recorded while a required step is open");

        await Api.DecideAsync(id, "rotate-secrets", "complete", new { note = "salts replaced in wp-config.php, owner reset password with 2FA" });
        await Api.WaitForRunAsync(id, "completed");

        // The outcome reaches the incident by a cascaded message after the run completes (about a second later on a loaded machine).
        (await Api.WaitForAsync($"/api/incidents/{id}", i => i["status"]!.GetValue<string>() != "detected"))["status"]!.GetValue<string>().Should().Be("contained");
        var history = await Api.HistoryAsync(id);
        Events(history, "incident_contained").Should().ContainSingle().Which["actor"]!.GetValue<string>().Should().Be("system:containment");
        Events(history, "manual_containment_step_completed").Should().ContainSingle().Which["actor"]!.GetValue<string>()
            .Should().Be($"user:{IncidentApi.Responder}", "the person who did the manual step is on record");

        await Api.DecideAsync(id, "lock-admin", "rollback", new { reason = "the owner proved the logins were theirs" });
        var rolledBack = await Api.WaitForStepAsync(id, "lock-admin", "rolled-back");

        (await Shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp5_capabilities'", ("@id", Shop.AttackerId)))
            .Should().Be(capabilitiesBefore, "unlocking restores the roles exactly as they were");
        (await Shop.ScalarAsync("SELECT user_pass FROM `{p}users` WHERE ID = @id", ("@id", Shop.AttackerId)))
            .Should().StartWith("$containment-locked$", "the old password hash comes back only when a person explicitly asks");
        StepOf(rolledBack, "lock-admin")["rolledBack"]!.AsArray().Should().NotBeEmpty("the rollback's changes are on record too");
    }

    [Fact]
    public async Task the_evidence_is_kept_with_its_hashes_and_every_download_is_checked_and_recorded()
    {
        var id = await TakeoverAsync();
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");
        var evidenceId = StepOf(waiting, "preserve-evidence")["evidenceId"]!.GetValue<Guid>();

        var item = (await Api.GetAsync($"/api/incidents/{id}/evidence")).AsArray().Should().ContainSingle().Subject!;
        var files = item["files"]!.AsArray();
        files.Select(f => f!["table"]?.GetValue<string>()).Should().Contain(["wp5_users", "wp5_usermeta"], "the playbook copies the account tables");
        var usermeta = files.Single(f => f!["table"]?.GetValue<string>() == "wp5_usermeta")!;
        item.AsObject().Select(p => p.Key).Should().NotContain("location", "the server's folders are never shown");
        var preserved = (await Api.HistoryAsync(id)).Single(e => e!["type"]!.GetValue<string>() == "evidence_preserved")!["data"]!;
        Path.IsPathRooted(preserved["location"]!.GetValue<string>()).Should().BeFalse("the record names the folder within the evidence store, not on the server");

        var download = await Host.Scenario(x =>
        {
            x.Get.Url($"/api/incidents/{id}/evidence/{evidenceId}/files/{usermeta["name"]!.GetValue<string>()}");
            Api.Authenticate(x);
            x.StatusCodeShouldBe(200);
        });
        var body = download.Context.Response.Body;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        var bytes = copy.ToArray();

        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(usermeta["sha256"]!.GetValue<string>(), "the file served is the file recorded");
        download.Context.Response.Headers["X-Content-SHA256"].ToString().Should().Be(usermeta["sha256"]!.GetValue<string>());
        var custody = (await Api.GetAsync($"/api/incidents/{id}/evidence")).AsArray()[0]!["custody"]!.AsArray();
        custody.Select(c => c!["action"]!.GetValue<string>()).Should().Equal(["collected", "downloaded"], "each access joins the chain of custody");
        custody[1]!["actor"]!.GetValue<string>().Should().Be($"user:{IncidentApi.Responder}");

        var verified = await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/{evidenceId}/verify", new { }, 200);
        verified["intact"]!.GetValue<bool>().Should().BeTrue();

        var users = files.Single(f => f!["table"]?.GetValue<string>() == "wp5_users")!["name"]!.GetValue<string>();
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        preserved["store"]!.GetValue<string>().Should().Be("postgresql", "new evidence is kept where every node reads it (ADR 36)");
        var storedUsers = await StoredEvidence.ReadAsync(store, evidenceId, users);
        storedUsers.Should().NotBeEmpty("the file's encrypted bytes are rows in PostgreSQL");
        storedUsers.AsSpan().IndexOf("mallory@evil.example"u8).Should().Be(-1, "no e-mail is in the database in clear (ADR 22)");
        storedUsers.AsSpan(0, 2).ToArray().Should().NotEqual(new byte[] { 0x1f, 0x8b }, "the stored file is no gzip anyone with the disk could open");
        preserved["encryption"]!.GetValue<string>().Should().Be("aes-256-gcm-chunked/1", "the record says how its files are kept");
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(await DownloadAsync(id, evidenceId, users)), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            (await reader.ReadToEndAsync()).Should().Contain("mallory@evil.example", "the download is the plaintext the hash was recorded over");
        }

        await StoredEvidence.AlterAsync(store, evidenceId, usermeta["name"]!.GetValue<string>());
        var refused = await Api.GetAsync($"/api/incidents/{id}/evidence/{evidenceId}/files/{usermeta["name"]!.GetValue<string>()}", 409);

        refused["detail"]!.GetValue<string>().Should().Contain("changed").And.Contain("encrypted").And.Contain("not served");
        (await Api.GetAsync($"/api/incidents/{id}/evidence")).AsArray()[0]!["custody"]!.AsArray().Last()!["action"]!.GetValue<string>()
            .Should().Be("integrity check failed", "the refused download is recorded in the chain of custody");
        (await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/{evidenceId}/verify", new { }, 200))["intact"]!.GetValue<bool>()
            .Should().BeFalse("a changed byte breaks the recorded hash");
    }

    private async Task<byte[]> DownloadAsync(Guid id, Guid evidenceId, string file)
    {
        var download = await Host.Scenario(x =>
        {
            x.Get.Url($"/api/incidents/{id}/evidence/{evidenceId}/files/{file}");
            Api.Authenticate(x);
            x.StatusCodeShouldBe(200);
        });
        using var copy = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task people_without_the_right_role_cannot_run_or_approve_containment()
    {
        var id = await TakeoverAsync();
        var auditor = ApiAs("audrey.auditor@shop.test", Organisation, Roles.Auditor);

        await auditor.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker }, 403);
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        (await auditor.GetAsync($"/api/incidents/{id}/containment"))["latest"]!["playbook"]!.GetValue<string>().Should().Be("account-takeover", "auditors read everything");
        await ApiAs("rita.responder@shop.test", Organisation, Roles.Responder).DecideAsync(id, "lock-admin", "approve", new { }, 403);
    }

    [Fact]
    public async Task a_request_the_playbook_cannot_take_is_refused_before_anything_is_recorded()
    {
        var id = await TakeoverAsync();

        var missing = await Api.StartAsync(id, "account-takeover", new { adminLgin = "mallory" }, 422);
        var unknown = await Api.StartAsync(id, "make-it-go-away", new { }, 422);

        missing["errors"]!["parameters.adminLogin"]!.ToJsonString().Should().Contain("is required");
        missing["errors"]!["parameters.adminLgin"]!.ToJsonString().Should().Contain("takes: adminLogin");
        unknown["errors"]!["playbook"]!.ToJsonString().Should().Contain("checkout-skimmer", "the refusal lists the playbooks there are");
        (await Api.VersionOfAsync(id)).Should().Be(1, "nothing was recorded");
        var noRun = await Api.ActAsync(id, $"containment/runs/{Guid.CreateVersion7()}/steps/lock-admin/approve", new { }, 404);
        noRun["title"]!.GetValue<string>().Should().Be("Containment run not found", "no run was started, so there is no step to approve");
    }
}
