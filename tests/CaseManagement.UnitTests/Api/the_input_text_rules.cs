using System.Text;
using System.Text.Json;
using CaseManagement.Api;
using CaseManagement.Containment.Starting;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Obligations.Facts;
using FluentAssertions;

namespace CaseManagement.UnitTests.Api;

public class the_input_text_rules
{
    private static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }

    [Theory]
    [InlineData("title", TextKind.Name, "because a title is shown as a label in lists and pages")]
    [InlineData("shop", TextKind.Name, "because a shop is named to people and matched by name")]
    [InlineData("name", TextKind.Name, "because every field called name is a name")]
    [InlineData("templateName", TextKind.Name, "because a field ending in name is a name too")]
    [InlineData("description", TextKind.Name, "because a subscription's description labels it in lists")]
    [InlineData("password", TextKind.Secret, "because a password is passed on exactly as typed")]
    [InlineData("readOnlyPassword", TextKind.Secret, "because any password is")]
    [InlineData("secret", TextKind.Secret, "because a signing secret is")]
    [InlineData("text", TextKind.Text, "because a note is free text")]
    [InlineData("reason", TextKind.Text, "because a reason may run over several lines")]
    [InlineData("body", TextKind.Text, "because a template body is free text")]
    public void a_field_is_read_as_the_kind_its_name_says(string field, TextKind kind, string because) =>
        InputText.KindOf(field).Should().Be(kind, because);

    [Theory]
    [InlineData("Skimmer on checkout", TextKind.Name, "because plain text is fine")]
    [InlineData("Boutique Zoë – 東京店", TextKind.Name, "because any script is a name")]
    [InlineData("👩‍💻 on-call", TextKind.Name, "because emoji joined with a zero-width joiner are text, not controls")]
    [InlineData("first line\nsecond line\ttabbed\r\n", TextKind.Text, "because free text keeps its lines and tabs")]
    [InlineData("\u05e9\u05dc\u05d5\u05dd \u2067abc\u2069", TextKind.Text, "because right-to-left writing needs its isolates in free text")]
    [InlineData("pa\u0001ss\u202ewd\u007f", TextKind.Secret, "because a secret is passed on as given, whatever it holds")]
    public void ordinary_text_is_kept(string value, TextKind kind, string because) =>
        InputText.Problem(value, kind).Should().BeNull(because);

    [Theory]
    [InlineData("a\u0000b", TextKind.Text, "NUL", "because PostgreSQL cannot store a NUL in text or jsonb")]
    [InlineData("a\u0000b", TextKind.Secret, "NUL", "because not even a secret can be stored with a NUL")]
    [InlineData("bell\u0007", TextKind.Text, "U+0007", "because free text allows only tabs and line breaks among the controls")]
    [InlineData("esc\u001b[31m", TextKind.Text, "U+001B", "because terminal escapes do not belong in a record")]
    [InlineData("c1\u0085", TextKind.Text, "U+0085", "because C1 controls render unpredictably")]
    [InlineData("two\nlines", TextKind.Name, "U+000A", "because a name is one line")]
    [InlineData("tab\tbed", TextKind.Name, "U+0009", "because a name holds no tabs")]
    [InlineData("invoice\u202egnp.exe", TextKind.Name, "U+202E", "because a right-to-left override makes a name read as something else")]
    [InlineData("\u2066shop\u2069", TextKind.Name, "U+2066", "because isolates are invisible in a name")]
    [InlineData("left\u200fmark", TextKind.Name, "U+200F", "because marks are invisible in a name")]
    public void hostile_characters_are_refused_by_name(string value, TextKind kind, string named, string because) =>
        InputText.Problem(value, kind).Should().Contain(named, because);

    // Built here: a lone surrogate in an attribute does not survive xUnit's serialisation of theory data.
    [Theory]
    [InlineData(0xD800, TextKind.Text, "because half a surrogate pair is not text in any encoding")]
    [InlineData(0xDC00, TextKind.Secret, "because a lone low surrogate is not either, even in a secret")]
    public void unpaired_surrogates_are_refused(int surrogate, TextKind kind, string because) =>
        InputText.Problem($"a{(char)surrogate}b", kind).Should().Contain("unpaired surrogate", because);

    private static IDictionary<string, string[]> ProblemsOf<T>(string json) => BodyText.Problems(Encoding.UTF8.GetBytes(json), typeof(T), Options);

    [Fact]
    public void each_field_of_a_body_is_judged_by_its_own_kind()
    {
        var problems = ProblemsOf<DetectIncident>("""
            {"title":"line\nbreak","shop":"ok","summary":"line\nbreak is fine here","source":"WAF\u0000","reporter":{"email":"a@b.example","name":"x\u202ey"}}
            """);

        problems.Keys.Should().BeEquivalentTo(["title", "source", "reporter.name"], "a summary may break lines, a title may not, and nested names are names");
    }

    [Fact]
    public void null_items_and_null_map_values_are_named_and_null_fields_are_not()
    {
        var counts = ProblemsOf<RecordAffectedCounts>("""{"counts":[{"residence":"DE","count":3},null],"basis":null}""");
        var parameters = ProblemsOf<StartContainment>("""{"playbook":"p","parameters":{"rotate":null,"user name":null,"ok":"x"},"reason":null}""");

        counts.Keys.Should().BeEquivalentTo(["counts[1]"], "an absent optional field is null; an item of a list never is");
        parameters.Keys.Should().BeEquivalentTo(["parameters.rotate", "parameters[\"user name\"]"], "a map entry without a value is refused under its key");
    }

    [Fact]
    public void map_keys_are_names()
    {
        var problems = ProblemsOf<StartContainment>("""{"playbook":"p","parameters":{"a\u0000":"x"}}""");

        problems["parameters"].Single().Should().Contain("key").And.Contain("NUL");
    }

    [Fact]
    public void escapes_that_are_not_text_are_refused_not_misread_as_malformed_json()
    {
        var problems = ProblemsOf<DetectIncident>("""{"title":"a\ud800","summary":"b\udc00c"}""");

        problems.Keys.Should().BeEquivalentTo(["title", "summary"]);
        problems["title"].Single().Should().Contain("not valid Unicode");
    }

    [Fact]
    public void invalid_utf8_bytes_in_a_string_are_refused_under_their_field()
    {
        var json = Encoding.UTF8.GetBytes("""{"title":"ab"}""").ToList();
        json.Insert(11, 0xC3);
        json.Insert(12, 0x28);

        BodyText.Problems(json.ToArray(), typeof(DetectIncident), Options).Should().ContainKey("title");
    }

    [Fact]
    public void a_body_that_is_not_json_is_left_to_the_json_rules() =>
        ProblemsOf<DetectIncident>("""{"title":"a\u0000" """).Should().BeEmpty("malformed JSON is a 400 that the strict JSON reading explains");

    [Fact]
    public void a_flood_of_problems_is_cut_short()
    {
        var json = $$"""{"dataCategories":[{{string.Join(",", Enumerable.Repeat("null", 10_000))}}]}""";

        ProblemsOf<DetectIncident>(json).Should().HaveCount(BodyText.MaxProblems, "a person needs to see what to fix, not ten thousand lines");
    }
}
