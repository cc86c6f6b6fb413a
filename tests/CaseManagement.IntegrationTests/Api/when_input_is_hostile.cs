using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Api;

/// <summary>
/// Characters and values no command may hold are refused at the edge with a 422 that names where they are, for every
/// endpoint (docs/adr/0020-hostile-input.md), and nothing is recorded. Each of these was a 500 before.
/// </summary>
public sealed class when_input_is_hostile(AppFixture fixture) : ServiceScenario(fixture)
{
    private static IEnumerable<string> Fields(JsonNode problem) => problem["errors"]!.AsObject().Select(e => e.Key);

    [Fact]
    public async Task a_nul_in_any_text_field_is_refused_under_its_name()
    {
        var id = await Api.DetectAsync("hostile-shop");

        var note = await Api.ActAsync(id, "add-note", """{"text":"before\u0000after"}""", 422);
        var detection = await Api.SendAsync(HttpMethod.Post, "/api/incidents",
            """{"title":"t\u0000","shop":"s","kind":"other","detectedAt":"2026-11-20T08:00:00Z","reporter":{"email":"a@b.example","name":"n\u0000"}}""", 422);

        Fields(note).Should().Equal(["text"]);
        note["errors"]!["text"]![0]!.GetValue<string>().Should().Contain("NUL");
        Fields(detection).Should().BeEquivalentTo(["title", "reporter.name"]);
        (await Api.VersionOfAsync(id)).Should().Be(1, "nothing was recorded");
    }

    [Fact]
    public async Task names_refuse_line_breaks_and_bidirectional_overrides_while_free_text_keeps_its_lines()
    {
        var id = await Api.DetectAsync("hostile-shop");

        var renamed = await Api.SendAsync(HttpMethod.Post, "/api/incidents",
            """{"title":"Refund\u202eexe.pdf","shop":"two\nlines","kind":"other","detectedAt":"2026-11-20T08:00:00Z"}""", 422);
        await Api.ActAsync(id, "add-note", """{"text":"first line\nsecond line\twith a tab"}""");

        Fields(renamed).Should().BeEquivalentTo(["title", "shop"]);
        renamed["errors"]!["title"]![0]!.GetValue<string>().Should().Contain("U+202E");
        (await Api.VersionOfAsync(id)).Should().Be(2, "a note may span lines");
    }

    [Fact]
    public async Task an_unpaired_surrogate_is_named_not_called_malformed_json()
    {
        var problem = await Api.SendAsync(HttpMethod.Post, "/api/incidents",
            """{"title":"t\ud800","shop":"s","kind":"other","detectedAt":"2026-11-20T08:00:00Z"}""", 422);

        Fields(problem).Should().Equal(["title"]);
    }

    [Fact]
    public async Task null_items_and_null_map_values_are_refused_under_their_element()
    {
        var id = await Api.DetectAsync("hostile-shop");

        var counts = await Api.ActAsync(id, "facts/affected-counts", """{"counts":[null]}""", 422);
        var categories = await Api.ActAsync(id, "facts/data-categories", """{"categories":["email",null]}""", 422);
        var parameters = await Api.ActAsync(id, "containment", """{"playbook":"checkout-skimmer","parameters":{"a":null}}""", 422);

        Fields(counts).Should().Equal(["counts[0]"]);
        Fields(categories).Should().Equal(["categories[1]"]);
        Fields(parameters).Should().Equal(["parameters.a"]);
        (await Api.VersionOfAsync(id)).Should().Be(1);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    public async Task instants_outside_the_years_the_service_reads_are_refused_in_queries(string asOf)
    {
        var id = await Api.DetectAsync("hostile-shop");

        var deadlines = await Api.GetAsync($"/api/incidents/{id}/deadlines?asOf={asOf}", 422);
        var incident = await Api.GetAsync($"/api/incidents/{id}?asOf={asOf}", 422);

        Fields(deadlines).Should().Equal(["asOf"]);
        deadlines["errors"]!["asOf"]![0]!.GetValue<string>().Should().Contain("1970").And.Contain("2200");
        Fields(incident).Should().Equal(["asOf"]);
    }

    [Fact]
    public async Task the_last_instant_before_2200_is_answered()
    {
        var id = await Api.DetectAsync("hostile-shop");

        var far = await Api.GetAsync($"/api/incidents/{id}/deadlines?asOf=2199-12-31T23:59:59Z");

        far["obligations"].Should().NotBeNull("no deadline arithmetic overflows within the years the service reads");
    }

    [Theory]
    [InlineData("0001-11-20T08:00:00Z", "1970")]
    [InlineData("1970-01-01T00:00:00Z", "2000-01-01")]
    [InlineData("1999-12-31T23:59:59Z", "2000-01-01")]
    public async Task an_incident_dated_before_the_deadline_calendars_is_refused(string detectedAt, string explained)
    {
        var problem = await Api.SendAsync(HttpMethod.Post, "/api/incidents",
            $$"""{"title":"t","shop":"s","kind":"other","detectedAt":"{{detectedAt}}"}""", 422);

        problem["errors"]!["detectedAt"]![0]!.GetValue<string>().Should().Contain(explained,
            "an incident the deadline engine cannot compute with would fail every escalation and every deadline view later");
    }

    [Fact]
    public async Task a_nul_in_a_query_or_a_control_character_in_a_route_value_is_refused_under_its_name()
    {
        var list = await Api.GetAsync("/api/incidents?shop=%00", 422);
        // A NUL in the path itself never reaches the application: the server refuses to decode it (400, docs/reliability.md).
        var shop = await Api.GetAsync("/api/shops/a%01b", 422);

        Fields(list).Should().Equal(["shop"]);
        Fields(shop).Should().Equal(["name"]);
    }

    [Fact]
    public async Task a_template_that_goes_beyond_a_rendering_limit_is_refused_saying_which()
    {
        var draft = new
        {
            templateId = "hostile-range", channel = "email", language = "en", jurisdiction = "US-CA", subject = "Notice",
            body = "{% for i in (1..100000000) %}x{% endfor %}",
        };

        var problem = await Api.SendAsync(HttpMethod.Post, "/api/notice-templates", draft, 422);

        Fields(problem).Should().Equal(["body"]);
        problem["errors"]!["body"]![0]!.GetValue<string>().Should().Contain("range", "the author learns which limit the template went beyond");
        (await Api.GetAsync("/api/notice-templates/hostile-range/versions/1", 404))["status"]!.GetValue<int>().Should().Be(404,
            "a template nobody may render is not kept as a draft");
    }
}
