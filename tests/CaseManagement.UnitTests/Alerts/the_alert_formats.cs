using System.Text.Json;
using CaseManagement.Alerts.Formats;
using CaseManagement.Api;
using CaseManagement.Incidents;
using FluentAssertions;

namespace CaseManagement.UnitTests.Alerts;

/// <summary>The built-in formats read the example payloads of the documents they cite; a generic mapping reads what it declares, or says what it cannot.</summary>
public sealed class the_alert_formats
{
    private static readonly string[] Shops = ["shop-1"];

    private static (AlertFacts? Facts, IReadOnlyDictionary<string, string[]> Problems) Read(AlertMapping mapping, string json, string? sourceShop = "shop-1") =>
        mapping.Read(JsonDocument.Parse(json).RootElement, sourceShop, named => Shops.Contains(named) ? named : null);

    [Fact]
    public void wazuh_and_modsecurity_are_offered_beside_the_generic_mapping_each_citing_its_documentation()
    {
        AlertFormats.Ids.Should().StartWith(AlertFormats.Generic).And.Contain(["wazuh", "modsecurity"]);
        AlertFormats.All.Where(f => f.Id != AlertFormats.Generic).Should().OnlyContain(f => f.Documentation.Count > 0 && f.Mapping != null && f.Example != null,
            "a built-in format is written from its sender's documents and proves it reads their example");
    }

    [Fact]
    public void the_wazuh_example_reads_as_a_medium_sql_injection_from_the_attackers_address()
    {
        var wazuh = AlertFormats.Find("wazuh")!;

        var (facts, problems) = wazuh.Mapping!.Read(wazuh.Example!.Value, "shop-1", _ => null);

        problems.Should().BeEmpty();
        facts!.Reference.Should().Be("1763626443.1843112", "Wazuh's own alert id");
        facts.Kind.Should().Be(IncidentKind.SqlInjection, "rule group sql_injection");
        facts.Severity.Should().Be(Severity.Medium, "level 7 is medium in our reading of Wazuh's 0 to 16 scale");
        facts.Indicator.Should().Be("203.0.113.77", "data.srcip comes before the agent's name");
        facts.OccurredAt.Should().Be(new DateTimeOffset(2026, 11, 20, 8, 14, 3, 512, TimeSpan.Zero), "+0000 without a colon is an offset");
        facts.Shop.Should().Be("shop-1", "the agent's name is no registered shop, so the source's own shop counts");
    }

    [Fact]
    public void the_modsecurity_example_reads_with_the_most_severe_of_its_messages()
    {
        var modsecurity = AlertFormats.Find("modsecurity")!;

        var (facts, problems) = modsecurity.Mapping!.Read(modsecurity.Example!.Value, "shop-1", _ => null);

        problems.Should().BeEmpty();
        facts!.Severity.Should().BeOneOf([Severity.High, Severity.Critical], "the example's rules are CRS attack rules of severity CRITICAL");
        facts.Reference.Should().NotBeNullOrEmpty("the transaction's unique_id");
    }

    private static readonly AlertMapping Generic = new(
        Reference: new FieldMapping("event.id"),
        OccurredAt: new FieldMapping("event.at", Format: "unix-seconds"),
        Title: new FieldMapping("event.summary", Default: "Security plugin alert"),
        Summary: null,
        Severity: new FieldMapping("event.level", Values: [new MappedValue("critical", "critical")], Default: "low"),
        Kind: new FieldMapping("event.type", Values: [new MappedValue("admin_created", "account-takeover")], Default: "other"),
        Shop: new FieldMapping("site"),
        Indicator: new FieldMapping("event.actor.login"));

    [Fact]
    public void a_generic_mapping_reads_the_fields_it_declares_and_maps_their_values()
    {
        var (facts, _) = Read(Generic, """{"site":"shop-1","event":{"id":"e-1","at":1763626443,"type":"ADMIN_CREATED","level":"critical","actor":{"login":"mallory"}}}""");

        facts.Should().BeEquivalentTo(new AlertFacts("e-1", DateTimeOffset.FromUnixTimeSeconds(1763626443), "Security plugin alert", null, Severity.Critical,
            IncidentKind.AccountTakeover, "shop-1", "mallory", null), "values are compared without regard to case and a missing title takes its default");
    }

    public static TheoryData<string, string, string> Unreadable => new()
    {
        { "no reference, because the sender's id is what finds the same alert again", """{"event":{"actor":{"login":"m"}}}""", "reference" },
        { "a time that is not unix seconds, because a wrong time would move deadlines", """{"event":{"id":"e","at":"yesterday","actor":{"login":"m"}}}""", "occurredAt" },
        { "a shop name no shop is registered under, because an alert must land on a known shop",
            """{"site":"shop-2","event":{"id":"e","actor":{"login":"m"}}}""", "shop" },
        { "no indicator, because without it the fingerprint cannot tell two attacks apart", """{"event":{"id":"e"}}""", "indicator" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void an_alert_the_mapping_cannot_read_names_the_field(string because, string json, string field)
    {
        var (facts, problems) = Read(Generic, json, sourceShop: null);

        facts.Should().BeNull(because);
        problems.Keys.Should().Contain(field, because);
    }

    [Fact]
    public void a_mapping_without_a_reference_path_is_refused_when_registered() =>
        (Generic with { Reference = null }).Check(new Validation()).Errors.Keys.Should().Contain("mapping.reference", "every source must say where its ids are");
}
