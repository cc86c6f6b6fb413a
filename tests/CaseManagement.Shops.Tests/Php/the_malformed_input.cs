using System.Text;
using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

public sealed class the_malformed_input
{
    [Theory]
    [InlineData("", 0, "Expected a value (N, b, i, d, s, a or O) at byte offset 0 but found end of input.")]
    [InlineData("x:1;", 0, "Expected a value (N, b, i, d, s, a or O) at byte offset 0 but found 'x'.")]
    [InlineData("i:5", 3, "Expected ';' at byte offset 3 but found end of input.")]
    [InlineData("i:;", 2, "Expected a digit at byte offset 2 but found ';'.")]
    [InlineData("i:9223372036854775808;", 2, "The integer at byte offset 2 does not fit in 64 bits.")]
    [InlineData("b:2;", 2, "Expected '0' or '1' at byte offset 2 but found '2'.")]
    [InlineData("d:abc;", 2, "Expected a number, NAN, INF or -INF at byte offset 2 but found 'a'.")]
    [InlineData("d:1e;", 4, "Expected an exponent digit at byte offset 4 but found ';'.")]
    [InlineData("i:1;x", 4, "Expected end of input after the value at byte offset 4 but found 'x'.")]
    [InlineData("s:50:\"abc\";", 11, "Expected 50 string bytes from byte offset 6 but the input ends at byte offset 11.")]
    [InlineData("s:2:\"abc\";", 7, "Expected '\"' at byte offset 7 but found 'c'. The string starting at byte offset 5 declares 2 bytes.")]
    [InlineData("s:5:\"abc\";", 10, "Expected '\"' at byte offset 10 but found end of input. The string starting at byte offset 5 declares 5 bytes.")]
    [InlineData("s:3:\"abc\"", 9, "Expected ';' at byte offset 9 but found end of input.")]
    [InlineData("s:99999999999:\"\";", 2, "Expected a byte length at byte offset 2 but found a number too large to be one.")]
    [InlineData("a:2:{i:0;i:1;}", 13, "Expected the key (i: or s:) of entry 2 at byte offset 13 but found '}'. The container at byte offset 0 declares 2 entries.")]
    [InlineData("a:1:{i:0;i:1;i:1;i:2;}", 13, "Expected '}' at byte offset 13 but found 'i'. The container at byte offset 0 declares 1 entries.")]
    [InlineData("a:1:{i:0;i:1;", 13, "Expected '}' at byte offset 13 but found end of input. The container at byte offset 0 declares 1 entries.")]
    [InlineData("a:-1:{}", 2, "Expected an entry count at byte offset 2 but found '-'.")]
    [InlineData("a:1:{d:1.5;i:1;}", 5, "Expected the key (i: or s:) of entry 1 at byte offset 5 but found 'd'. The container at byte offset 0 declares 1 entries.")]
    [InlineData("a:2:{i:0;N;s:1:\"0\";N;}", 11, "Duplicate key s:1:\"0\"; at byte offset 11; PHP would keep only the last value, so the data cannot round-trip.")]
    [InlineData("O:8:\"stdClass\":1:{s:1:\"a\";}", 26, "Expected a value (N, b, i, d, s, a or O) at byte offset 26 but found '}'.")]
    [InlineData("a:1:{i:0;r:1;}", 9, "A PHP reference (r:/R:) at byte offset 9 is not supported.")]
    [InlineData("a:1:{i:0;R:1;}", 9, "A PHP reference (r:/R:) at byte offset 9 is not supported.")]
    [InlineData("C:3:\"Foo\":0:{}", 0, "A custom-serialized object (C:, the Serializable interface) at byte offset 0 is not supported.")]
    [InlineData("E:11:\"Suit:Hearts\";", 0, "An enum case (E:) at byte offset 0 is not supported.")]
    public void malformed_input_is_rejected_with_what_was_expected_and_where(string input, int offset, string message)
    {
        var deserialize = () => PhpSerializer.Deserialize(input);

        var error = deserialize.Should().Throw<PhpSerializationException>().Which;
        error.Offset.Should().Be(offset);
        error.Message.Should().Be(message);
    }

    [Fact]
    public void offsets_count_utf8_bytes_not_characters()
    {
        var deserialize = () => PhpSerializer.Deserialize("s:2:\"é\";x");

        deserialize.Should().Throw<PhpSerializationException>().Which.Offset.Should().Be(9);
    }

    [Fact]
    public void a_string_length_that_counts_characters_instead_of_bytes_is_caught()
    {
        var deserialize = () => PhpSerializer.Deserialize("s:4:\"Zoë!\";");

        deserialize.Should().Throw<PhpSerializationException>().Which.Offset.Should().Be(9);
    }

    [Fact]
    public void nesting_up_to_the_limit_is_read()
    {
        var value = PhpSerializer.Deserialize(Nested(PhpSerializer.MaxDepth));

        PhpSerializer.Serialize(value).Should().Be(Nested(PhpSerializer.MaxDepth));
    }

    [Fact]
    public void nesting_beyond_the_limit_is_rejected_before_the_stack_runs_out()
    {
        var tooDeep = Nested(PhpSerializer.MaxDepth + 1);

        var deserialize = () => PhpSerializer.Deserialize(tooDeep);

        deserialize.Should().Throw<PhpSerializationException>()
            .Which.Offset.Should().Be(PhpSerializer.MaxDepth * "a:1:{i:0;".Length);
    }

    [Fact]
    public void hostile_nesting_far_beyond_the_limit_is_rejected()
    {
        var deserialize = () => PhpSerializer.Deserialize(Nested(100_000));

        deserialize.Should().Throw<PhpSerializationException>();
    }

    [Fact]
    public void a_huge_declared_count_does_not_allocate_for_it()
    {
        var deserialize = () => PhpSerializer.Deserialize("a:2147483647:{i:0;N;}");

        deserialize.Should().Throw<PhpSerializationException>().Which.Offset.Should().Be(20);
    }

    [Fact]
    public void serializing_beyond_the_limit_is_refused_since_it_could_not_be_read_back()
    {
        PhpValue value = PhpValue.Null;
        for (var i = 0; i <= PhpSerializer.MaxDepth; i++)
        {
            value = PhpArray.List(value);
        }

        var serialize = () => PhpSerializer.Serialize(value);

        serialize.Should().Throw<ArgumentException>().WithMessage($"*{PhpSerializer.MaxDepth}*");
    }

    private static string Nested(int depth)
    {
        var text = new StringBuilder();
        text.Insert(0, "a:1:{i:0;", depth).Append("N;").Append('}', depth);
        return text.ToString();
    }
}
