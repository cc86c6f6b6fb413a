using System.Security.Cryptography;
using System.Text;
using CaseManagement.Rules.Catalogue;
using FluentAssertions;

namespace CaseManagement.Rules.Tests.Catalogue;

/// <summary>Loading, immutability and validation of catalogue versions.</summary>
public class the_catalogue_store
{
    private const string Published = "2026.11.1";

    [Fact]
    public void every_catalogue_file_is_embedded_as_a_resource()
    {
        var names = typeof(CatalogueStore).Assembly.GetManifestResourceNames();

        names.Should().Contain("CaseManagement.Rules.Catalogue.manifest.json", "the manifest sits at the root of Versions/");
        names.Should().Contain(n => n.EndsWith("2026.11.1/catalogue.json") || n.EndsWith(@"2026.11.1\catalogue.json"),
            "each version folder is embedded with its relative directory in the resource name");
        CatalogueStore.ReadEmbeddedFiles().Keys.Should().Contain(["manifest.json", "2026.11.1/catalogue.json", "2026.11.1/eu.json"],
            "resource names are normalised to '/'-separated paths whatever separator MSBuild used");
    }

    [Fact]
    public void the_embedded_store_serves_the_published_version_as_latest()
    {
        var store = CatalogueStore.Embedded;

        store.Versions.Select(v => v.Version).Should().Contain(Published, "2026.11.1 is the first published version");
        store.Latest.Should().BeSameAs(store.Versions[^1], "the latest version is the highest number");
        store.Get(Published).PublishedOn.Should().Be(new DateOnly(2026, 11, 22), "catalogue.json records the publication date");
    }

    [Fact]
    public void asking_for_an_unknown_version_names_the_known_ones()
    {
        var ask = () => CatalogueStore.Embedded.Get("1999.1.1");

        ask.Should().Throw<KeyNotFoundException>("cases may only reference published versions")
            .WithMessage($"*'1999.1.1'*{Published}*");
    }

    [Fact]
    public void asking_for_an_unknown_rule_names_the_version()
    {
        var ask = () => CatalogueStore.Embedded.Get(Published).Rule("xx-nothing");

        ask.Should().Throw<KeyNotFoundException>("a rule id is only meaningful within a version").WithMessage($"*{Published}*'xx-nothing'*");
    }

    [Fact]
    public void a_published_version_whose_bytes_changed_is_refused()
    {
        var files = EmbeddedCopy();
        var eu = Encoding.UTF8.GetString(files[$"{Published}/eu.json"]);
        files[$"{Published}/eu.json"] = Encoding.UTF8.GetBytes(eu.Replace("\"value\": 72", "\"value\": 96"));

        var load = () => CatalogueStore.Load(files);

        load.Should().Throw<InvalidDataException>("a published version is immutable; changes need a new version")
            .WithMessage($"*catalogue version {Published} was modified after publication; publish a new version instead*");
    }

    [Fact]
    public void a_version_without_a_manifest_entry_is_refused()
    {
        var files = EmbeddedCopy();
        files["2099.1.1/catalogue.json"] = files[$"{Published}/catalogue.json"];

        var load = () => CatalogueStore.Load(files);

        load.Should().Throw<InvalidDataException>("only versions with a published hash may be served")
            .WithMessage("*catalogue version 2099.1.1 has no manifest entry*");
    }

    [Fact]
    public void a_new_version_published_with_its_hash_becomes_the_latest()
    {
        var files = EmbeddedCopy();
        Publish(files, "2099.1.1", ValidRule("xx-new-rule"));

        var store = CatalogueStore.Load(files);

        store.Latest.Version.Should().Be("2099.1.1", "the higher version number is the latest");
        store.Get(Published).Rules.Should().HaveCount(131, "publishing a new version leaves the old one untouched");
    }

    [Fact]
    public void an_invalid_rule_is_reported_with_its_id_and_every_problem()
    {
        var bad = ValidRule("xx-bad-rule")
            .Replace("\"kind\": \"notification\"", "\"kind\": \"notice\"")
            .Replace("\"unit\": \"hours\", \"value\": 72", "\"unit\": \"hours\", \"value\": 0")
            .Replace("\"sources\": [\"https://example.org/law\"]", "\"sources\": []")
            .Replace("\"status\": \"verified\", \"note\": null", "\"status\": \"partial\", \"note\": null");
        var files = EmbeddedCopy();
        Publish(files, "2099.1.1", bad, ValidRule("xx-twice"), ValidRule("xx-twice"));

        var load = () => CatalogueStore.Load(files);

        load.Should().Throw<InvalidDataException>("a catalogue with broken rules must not drive deadlines")
            .Which.Message.Should().ContainAll(
                "rule 'xx-bad-rule': unknown kind 'notice'",
                "rule 'xx-bad-rule': deadline in hours needs a positive value",
                "rule 'xx-bad-rule': needs at least one source",
                "rule 'xx-bad-rule': a rule that is not fully verified needs a verification note",
                "rule 'xx-twice': id appears 2 times in catalogue version 2099.1.1");
    }

    [Fact]
    public void an_ordering_or_recipient_choice_that_cannot_be_read_is_refused()
    {
        var bad = ValidRule("xx-ordered").Replace("\"verification\"",
            "\"recipientsNeeded\": \"any-one\", \"ordering\": { \"relation\": \"after\", \"wording\": null, \"note\": null }, \"verification\"");
        var files = EmbeddedCopy();
        Publish(files, "2099.1.1", bad);

        var load = () => CatalogueStore.Load(files);

        load.Should().Throw<InvalidDataException>("a campaign gate must not rest on an order nobody can read")
            .Which.Message.Should().ContainAll(
                "rule 'xx-ordered': 'any-one' recipient needs at least two recipients to choose from",
                "rule 'xx-ordered': unknown ordering relation 'after'",
                "rule 'xx-ordered': ordering wording is missing");
    }

    [Fact]
    public void a_flag_split_must_retire_a_flag_no_rule_still_reads()
    {
        var files = EmbeddedCopy();
        PublishWithSplit(files, "2099.1.1", """{ "retired": "personal-data-breach", "into": ["nydfs-licensee"], "note": "" }""", ValidRule("xx-rule"));

        var load = () => CatalogueStore.Load(files);

        load.Should().Throw<InvalidDataException>("an incident that recorded the old flag must learn exactly what replaced it")
            .Which.Message.Should().ContainAll(
                "flag split 'personal-data-breach': rules of this version still use the retired flag",
                "flag split 'personal-data-breach': 'nydfs-licensee' is used by no rule of this version",
                "flag split 'personal-data-breach': needs a note saying what each new flag means");
    }

    private static Dictionary<string, byte[]> EmbeddedCopy() => CatalogueStore.ReadEmbeddedFiles().ToDictionary();

    /// <summary>Adds a one-file version and its manifest entry, the way a real publication is done.</summary>
    private static void Publish(Dictionary<string, byte[]> files, string version, params string[] rules) => PublishWithSplit(files, version, null, rules);

    private static void PublishWithSplit(Dictionary<string, byte[]> files, string version, string? flagSplit, params string[] rules)
    {
        var splits = flagSplit is null ? "" : $", \"flagSplits\": [{flagSplit}]";
        var index = Encoding.UTF8.GetBytes(
            $$"""{ "version": "{{version}}", "publishedOn": "2099-01-01", "basis": "test", "files": ["rules.json"]{{splits}} }""");
        var ruleFile = Encoding.UTF8.GetBytes($$"""{ "rules": [{{string.Join(",", rules)}}] }""");
        files[$"{version}/catalogue.json"] = index;
        files[$"{version}/rules.json"] = ruleFile;

        var manifest = Encoding.UTF8.GetString(files["manifest.json"]).TrimEnd().TrimEnd('}');
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. index, .. ruleFile]));
        files["manifest.json"] = Encoding.UTF8.GetBytes($$"""{{manifest}}, "{{version}}": "{{hash}}" }""");
    }

    private static string ValidRule(string id) => $$"""
        {
          "id": "{{id}}", "jurisdiction": "XX", "region": "Test", "kind": "notification", "recipients": ["regulator"],
          "obligation": "A controller tells the regulator.",
          "trigger": { "conditions": ["personal-data-breach"], "description": "Any breach." },
          "threshold": { "mode": "none", "minAffected": null, "maxAffected": null },
          "clockStart": "awareness",
          "deadline": { "unit": "hours", "value": 72, "wording": "Within 72 hours." },
          "backstop": null, "lawEnforcementDelay": false, "delayNote": null, "effectiveFrom": "2099-01-01",
          "citation": "Test Act s. 1", "sources": ["https://example.org/law"],
          "verification": { "status": "verified", "note": null }
        }
        """;
}
