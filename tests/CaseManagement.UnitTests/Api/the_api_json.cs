using System.Text.Json;
using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Detecting;
using FluentAssertions;

namespace CaseManagement.UnitTests.Api;

public class the_api_json
{
    private static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }

    [Theory]
    [InlineData("\"2026-11-22T09:30:00Z\"", "2026-11-22T09:30:00+00:00")]
    [InlineData("\"2026-11-22T10:30:00+01:00\"", "2026-11-22T09:30:00+00:00")]
    [InlineData("\"2026-11-22T09:30:00.1234567-05:00\"", "2026-11-22T14:30:00.1234567+00:00")]
    [InlineData("\"2026-11-22T09:30Z\"", "2026-11-22T09:30:00+00:00")]
    public void instants_with_an_offset_are_read(string json, string expectedUtc) =>
        JsonSerializer.Deserialize<DateTimeOffset>(json, Options).Should().Be(DateTimeOffset.Parse(expectedUtc));

    [Theory]
    [InlineData("\"2026-11-22T09:30:00\"")]
    [InlineData("\"2026-11-22\"")]
    [InlineData("\"22/11/2026 09:30\"")]
    [InlineData("\"2026-13-22T09:30:00Z\"")]
    [InlineData("1732267800")]
    public void instants_without_an_offset_or_malformed_are_refused(string json)
    {
        var read = () => JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        read.Should().Throw<JsonException>("a regulator clock cannot start from an ambiguous instant: {0}", json);
    }

    [Theory]
    [InlineData("\"0001-01-01T00:00:00Z\"", "because no incident happened in year 1")]
    [InlineData("\"1969-12-31T23:59:59Z\"", "because nothing the service records is older than 1970")]
    [InlineData("\"1970-01-01T00:59:59+01:00\"", "because the offset counts: that is still 1969 in UTC")]
    [InlineData("\"2200-01-01T00:00:00Z\"", "because 2200 is the first year refused")]
    [InlineData("\"9999-12-31T23:59:59Z\"", "because a deadline added to it would overflow")]
    public void instants_outside_the_years_the_service_reads_are_refused_as_such(string json, string because)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));

        ex.Message.Should().StartWith(StrictInstantConverter.OutOfRange, because);
        JsonErrors.IsInvalidInstant(ex, out _, out _).Should().BeTrue("an out-of-range instant is an invalid value (422), not malformed JSON");
    }

    [Theory]
    [InlineData("\"1970-01-01T00:00:00Z\"")]
    [InlineData("\"2199-12-31T23:59:59.9999999Z\"")]
    public void instants_at_the_edges_of_the_years_are_read(string json) =>
        JsonSerializer.Deserialize<DateTimeOffset>(json, Options).Year.Should().BeOneOf(1970, 2199);

    [Fact]
    public void instants_are_written_in_utc() =>
        JsonSerializer.Serialize(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1)), Options)
            .Should().Be("\"2026-11-22T09:30:00Z\"");

    [Fact]
    public void enums_travel_as_kebab_case_words() =>
        JsonSerializer.Serialize(IncidentStatus.NoNotificationOwed, Options).Should().Be("\"no-notification-owed\"");

    [Fact]
    public void unknown_fields_are_refused_with_their_name()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DetectIncident>("""{"titel":"x"}""", Options));

        JsonErrors.Describe(ex).Should().Be("Unknown field 'titel' (at $.titel). Check the spelling against the API documentation.");
    }

    [Fact]
    public void wrong_types_are_described_without_dotnet_type_names()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DetectIncident>("""{"title":42}""", Options));

        JsonErrors.Describe(ex).Should().Be("Invalid value at $.title: expected a string, got number.", "message was: {0}", ex.Message);
    }

    [Theory]
    [InlineData("plugin-compromise", IncidentKind.PluginCompromise)]
    [InlineData("leaked-api-key", IncidentKind.LeakedApiKey)]
    public void wire_names_parse_back(string wire, IncidentKind kind)
    {
        ApiJson.TryParseWire<IncidentKind>(wire, out var parsed).Should().BeTrue();
        parsed.Should().Be(kind);
    }
}
