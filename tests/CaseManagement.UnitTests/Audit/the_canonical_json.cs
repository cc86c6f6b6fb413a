using System.Text;
using CaseManagement.Audit.Chain;
using FluentAssertions;

namespace CaseManagement.UnitTests.Audit;

/// <summary>RFC 8785 (JSON Canonicalization Scheme), checked against the RFC's own examples and JavaScript's JSON.stringify.</summary>
public class the_canonical_json
{
    [Fact]
    public void members_are_sorted_by_utf16_code_units_not_by_code_points()
    {
        const string json = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";

        CanonicalJson.Canonicalize(json).Should().Be(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00F6\":\"Latin Small Letter O With Diaeresis\",\"\u20AC\":\"Euro Sign\"," +
            "\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}",
            "RFC 8785 3.2.3: the emoji's surrogate pair (U+D83D) sorts before U+FB33 although its code point is higher");
    }

    [Fact]
    public void the_rfc_example_canonicalises_byte_for_byte()
    {
        const string json = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        CanonicalJson.Canonicalize(json).Should().Be("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            "RFC 8785 3.2.2: whitespace dropped, members sorted, numbers shortest, only the required escapes");
    }

    [Theory]
    [InlineData("\"\\u0001\\u001f\"", "\"\\u0001\\u001f\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u00e9\\u2028\\u007f\\/\"", "\"é\u2028\u007f/\"")]
    [InlineData("\"\\\"\\\\\"", "\"\\\"\\\\\"")]
    public void strings_escape_only_quote_backslash_and_control_characters(string json, string canonical) =>
        CanonicalJson.Canonicalize(json).Should().Be(canonical, "control characters get their short escape or lower-case \\u00xx; everything else is written as itself");

    [Theory]
    [InlineData(0x0000000000000000L, "0")]
    [InlineData(unchecked((long)0x8000000000000000UL), "0")]
    [InlineData(0x0000000000000001L, "5e-324")]
    [InlineData(unchecked((long)0x8000000000000001UL), "-5e-324")]
    [InlineData(0x7fefffffffffffffL, "1.7976931348623157e+308")]
    [InlineData(unchecked((long)0xffefffffffffffffUL), "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000L, "9007199254740992")]
    [InlineData(unchecked((long)0xc340000000000000UL), "-9007199254740992")]
    [InlineData(0x4430000000000000L, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5L, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6L, "1e+23")]
    [InlineData(0x44b52d02c7e14af7L, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50L, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dL, "0.000001")]
    [InlineData(0x41b3de4355555553L, "333333333.3333332")]
    [InlineData(0x41b3de4355555554L, "333333333.33333325")]
    [InlineData(0x41b3de4355555555L, "333333333.3333333")]
    [InlineData(0x41b3de4355555556L, "333333333.3333334")]
    [InlineData(0x41b3de4355555557L, "333333333.33333343")]
    [InlineData(unchecked((long)0xbecbf647612f3696UL), "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959L, "1424953923781206.2")]
    public void numbers_take_the_ecmascript_shortest_form(long bits, string canonical) =>
        CanonicalJson.Number(BitConverter.Int64BitsToDouble(bits)).Should().Be(canonical, "RFC 8785 appendix B, as JSON.stringify writes it");

    [Theory]
    [InlineData("100", "100")]
    [InlineData("1.0", "1")]
    [InlineData("4.50", "4.5")]
    [InlineData("-0.0", "0")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1.23E-18", "1.23e-18")]
    [InlineData("123456789012345678", "123456789012345680")]
    public void number_text_is_read_as_a_double_and_rewritten(string json, string canonical) =>
        CanonicalJson.Number(json).Should().Be(canonical, "PostgreSQL's numeric keeps trailing zeros and exponents as written; the canonical form does not");

    [Fact]
    public void a_number_beyond_double_range_has_no_canonical_form()
    {
        var canonicalise = () => CanonicalJson.Canonicalize("[1e400]");

        canonicalise.Should().Throw<FormatException>("I-JSON numbers are IEEE doubles; an infinite one cannot be hashed faithfully");
    }

    [Fact]
    public void a_duplicate_member_name_is_refused()
    {
        var canonicalise = () => CanonicalJson.Canonicalize("""{"a":1,"a":2}""");

        canonicalise.Should().Throw<FormatException>("which of two values a reader keeps is undefined, so neither can be hashed");
    }

    [Fact]
    public void a_lone_surrogate_cannot_be_encoded()
    {
        var encode = () => CanonicalJson.Utf8.GetBytes("\ud800");

        encode.Should().Throw<EncoderFallbackException>("replacing it with U+FFFD would let two different texts hash alike");
    }
}
