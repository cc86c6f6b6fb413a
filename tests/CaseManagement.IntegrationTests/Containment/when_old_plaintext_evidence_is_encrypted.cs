using System.Security.Cryptography;
using Alba;
using CaseManagement.Containment.Evidence;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using CaseManagement.Shops.Evidence;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// Evidence bundles preserved before evidence was encrypted at rest are plaintext gzip on disk, recorded without `encryption`.
/// An administrator encrypts one in place (ADR 22, amendment): every file is sealed under the item's own key, checked against
/// the plaintext hash recorded at collection before its plaintext is removed, the record names the stored bytes' digests
/// before and after, and downloads and checks go on verifying against the same recorded hashes. A repeat changes nothing; a
/// legal hold does not stop it; a file altered since collection is not encrypted.
/// </summary>
public sealed class when_old_plaintext_evidence_is_encrypted(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp9_")
{
    private const string Reason = "issue 15: no personal data in plaintext at rest";

    /// <summary>An incident with an evidence item as the service wrote them before ADR 22's encryption: a plaintext bundle and a record without `encryption`.</summary>
    private async Task<(Guid Incident, Guid Evidence, string Folder, EvidenceBundle Bundle)> OldBundleAsync()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Admin export by an unknown account", shop = Shop.Name, kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-3),
            dataCategories = new[] { "email", "name" },
        }, 201);
        var incident = created["id"]!.GetValue<Guid>();
        var evidence = Guid.NewGuid();
        var folder = Path.Combine(Host.Services.GetRequiredService<EvidenceLocker>().Root, EvidenceLocker.RelativeName(Organisation, incident, evidence));
        var bundle = await EvidenceDump.WriteAsync(Shop.Settings(), EvidenceScope.WholeShop, folder);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Organisation);
        session.Events.StartStream<EvidenceItem>(evidence, new EvidencePreserved(incident, evidence, Guid.NewGuid(), "preserve-evidence", Shop.Name, "user:sam",
            Path.GetRelativePath(Host.Services.GetRequiredService<EvidenceLocker>().Root, folder), null, bundle.SnapshotAt, bundle.ServerVersion, bundle.Files));
        await session.SaveChangesAsync();
        return (incident, evidence, folder, bundle);
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task an_admin_encrypts_it_in_place_under_a_legal_hold_and_the_recorded_hashes_still_verify_every_download()
    {
        var (incident, evidence, folder, bundle) = await OldBundleAsync();
        var users = bundle.Files.First(f => f.Table is not null);
        var storedBefore = bundle.Files.ToDictionary(f => f.Name, f => Sha256Of(Path.Combine(folder, f.Name)));
        storedBefore.Should().BeEquivalentTo(bundle.Files.ToDictionary(f => f.Name, f => f.Sha256), "an old bundle stores its plaintext, so the stored bytes hash to the recorded SHA-256");
        var url = $"/api/incidents/{incident}/evidence/{evidence}/encrypt";
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/hold", new { reason = "claim PX-2291: keep everything" }, 200);
        await Api.SendAsync(HttpMethod.Post, url, new { reason = Reason }, 403);

        var encrypted = await Admin.SendAsync(HttpMethod.Post, url, new { reason = Reason }, 200);

        encrypted["encryption"]!.GetValue<string>().Should().Be(EvidenceCipher.Format, "a legal hold does not stop it: the content and its hashes stay as collected");
        foreach (var file in bundle.Files)
        {
            var path = Path.Combine(folder, file.Name);
            EvidenceCipher.IsSealed(path).Should().BeTrue("{0} is stored encrypted now", file.Name);
            var recorded = encrypted["files"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == file.Name)!;
            recorded["sha256"]!.GetValue<string>().Should().Be(file.Sha256, "the plaintext hash recorded at collection stays the one");
            recorded["storedSha256Before"]!.GetValue<string>().Should().Be(storedBefore[file.Name], "the record names the digest of the bytes stored before (the plaintext)");
            recorded["storedSha256After"]!.GetValue<string>().Should().Be(Sha256Of(path), "and of the ciphertext stored now");
        }

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(bundle.Files.Select(f => f.Name), "no plaintext copy or half-written file is left beside them");
        var download = await Host.Scenario(x =>
        {
            x.Get.Url($"/api/incidents/{incident}/evidence/{evidence}/files/{users.Name}");
            Api.Authenticate(x);
            x.StatusCodeShouldBeOk();
        });
        using var served = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(served);
        Convert.ToHexStringLower(SHA256.HashData(served.ToArray())).Should().Be(users.Sha256, "a download serves the plaintext as collected");
        (await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/{evidence}/verify", new { }, 200))["intact"]!.GetValue<bool>()
            .Should().BeTrue("the recorded hashes verify the encrypted files");
        var item = (await Api.GetAsync($"/api/incidents/{incident}/evidence")).AsArray().Single()!;
        item["encryption"]!.GetValue<string>().Should().Be(EvidenceCipher.Format);
        item["custody"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).Should().Contain("encrypted at rest");

        var version = item["version"]!.GetValue<long>();
        var again = await Admin.SendAsync(HttpMethod.Post, url, new { reason = Reason + ", again" }, 200);
        again["encryption"]!.GetValue<string>().Should().Be(EvidenceCipher.Format);
        (await Api.GetAsync($"/api/incidents/{incident}/evidence")).AsArray().Single()!["version"]!.GetValue<long>()
            .Should().Be(version, "a repeat finds the item encrypted and records nothing");
    }

    [Fact]
    public async Task an_interrupted_attempt_is_readable_meanwhile_and_finished_by_the_next_one()
    {
        var (incident, evidence, folder, bundle) = await OldBundleAsync();
        var first = bundle.Files[0];
        // As if the service died after sealing the first file and before the record was committed.
        var key = await KeyOfAsync(evidence);
        (await EvidenceSealing.SealFileAsync(folder, first.Name, first.Sha256, key)).State.Should().Be(EvidenceFileState.Ok);

        (await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/{evidence}/verify", new { }, 200))["intact"]!.GetValue<bool>()
            .Should().BeTrue("a half-encrypted item reads each file as it is stored: no false alarm");
        var encrypted = await Admin.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/{evidence}/encrypt", new { reason = Reason }, 200);

        encrypted["files"]!.AsArray().Should().HaveCount(bundle.Files.Count);
        encrypted["files"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == first.Name)!["storedSha256Before"]!.GetValue<string>()
            .Should().Be(first.Sha256, "the file sealed before is kept, and its plaintext digest named");
        bundle.Files.Should().OnlyContain(f => EvidenceCipher.IsSealed(Path.Combine(folder, f.Name)));
        (await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/{evidence}/verify", new { }, 200))["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task a_file_altered_since_collection_is_not_encrypted_and_the_failed_check_is_recorded()
    {
        var (incident, evidence, folder, bundle) = await OldBundleAsync();
        var altered = bundle.Files.First(f => f.Table is not null);
        await File.AppendAllTextAsync(Path.Combine(folder, altered.Name), "tampered");

        var refused = await Admin.SendAsync(HttpMethod.Post, $"/api/incidents/{incident}/evidence/{evidence}/encrypt", new { reason = Reason }, 409);

        refused["detail"]!.GetValue<string>().Should().Contain(altered.Name).And.Contain("not encrypted");
        EvidenceCipher.IsSealed(Path.Combine(folder, altered.Name)).Should().BeFalse("the altered file is left as found, for the investigation");
        var item = (await Api.GetAsync($"/api/incidents/{incident}/evidence")).AsArray().Single()!;
        item["encryption"].Should().BeNull("the item is not recorded as encrypted");
        item["custody"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).Should().Contain("integrity check failed");
    }

    private async Task<byte[]> KeyOfAsync(Guid evidence)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Organisation);
        return await Host.Services.GetRequiredService<CaseManagement.Security.Pii.PiiVault>().DataKeyAsync(session, EvidenceKeys.Subject(evidence), CancellationToken.None);
    }
}
