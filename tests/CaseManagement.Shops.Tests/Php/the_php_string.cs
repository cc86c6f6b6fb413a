using System.Text;
using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

public sealed class the_php_string
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("plain", 5)]
    [InlineData("é", 2)]
    [InlineData("Zoë!", 5)]
    [InlineData("中文", 6)]
    [InlineData("😀", 4)]
    [InlineData("Zoë 中文 😀", 16)]
    public void a_string_length_counts_utf8_bytes(string text, int byteLength)
    {
        var serialized = $"s:{byteLength}:\"{text}\";";

        PhpSerializer.Serialize(text).Should().Be(serialized);
        ((PhpString)PhpSerializer.Deserialize(serialized)).Text.Should().Be(text);
    }

    [Theory]
    [InlineData("\";}", """s:3:"";}";""")]
    [InlineData("a\";s:1:\"b", """s:9:"a";s:1:"b";""")]
    [InlineData("}i:0;N;", """s:7:"}i:0;N;";""")]
    public void string_content_may_contain_quotes_semicolons_and_braces(string text, string serialized)
    {
        PhpSerializer.Serialize(PhpArray.List(text, "after")).Should().Be($"a:2:{{i:0;{serialized}i:1;s:5:\"after\";}}");
        PhpSerializer.Deserialize(serialized).Should().Be(PhpValue.From(text));
    }

    [Fact]
    public void nul_bytes_are_ordinary_content()
    {
        PhpSerializer.Serialize("a\0b").Should().Be("s:3:\"a\0b\";");
    }

    [Fact]
    public void bytes_that_are_not_utf8_survive_a_byte_round_trip()
    {
        var latin1 = "s:4:\"caf"u8.ToArray().Concat(new byte[] { 0xE9 }).Concat("\";"u8.ToArray()).ToArray();

        var value = (PhpString)PhpSerializer.Deserialize(latin1);

        value.Length.Should().Be(4);
        value.IsUtf8.Should().BeFalse();
        value.Text.Should().Be("caf\uFFFD");
        PhpSerializer.SerializeToBytes(value).Should().Equal(latin1);
    }

    [Fact]
    public void serializing_to_text_refuses_bytes_a_dotnet_string_cannot_carry()
    {
        var value = new PhpString(new byte[] { 0xE9 });

        var serialize = () => PhpSerializer.Serialize(value);

        serialize.Should().Throw<ArgumentException>().WithMessage("*SerializeToBytes*");
    }

    [Fact]
    public void text_with_an_unpaired_surrogate_is_refused_rather_than_silently_replaced()
    {
        var build = () => new PhpString("broken \uD83D");
        var deserialize = () => PhpSerializer.Deserialize("s:1:\"\uD83D\";");

        build.Should().Throw<ArgumentException>().WithMessage("*unpaired surrogate*");
        deserialize.Should().Throw<ArgumentException>().WithMessage("*unpaired surrogate*");
    }

    [Fact]
    public void strings_with_the_same_bytes_are_equal()
    {
        new PhpString(Encoding.UTF8.GetBytes("中文")).Should().Be(new PhpString("中文"));
        new PhpString("中文").GetHashCode().Should().Be(new PhpString(Encoding.UTF8.GetBytes("中文")).GetHashCode());
    }

    [Fact]
    public void null_text_becomes_php_null()
    {
        PhpValue.From((string?)null).Should().Be(PhpValue.Null);
    }
}
