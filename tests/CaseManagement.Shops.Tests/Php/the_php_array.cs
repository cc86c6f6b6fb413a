using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

public sealed class the_php_array
{
    [Fact]
    public void entries_keep_insertion_order_not_key_order()
    {
        var map = PhpArray.Map(("zeta", 1), (5, 2), ("alpha", 3), (-1, 4));

        PhpSerializer.Serialize(map).Should().Be("""a:4:{s:4:"zeta";i:1;i:5;i:2;s:5:"alpha";i:3;i:-1;i:4;}""");
        map.Values.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void a_list_is_keyed_from_zero()
    {
        var list = PhpArray.List("a", 1, true, PhpValue.Null);

        list.Keys.Should().Equal(0, 1, 2, 3);
        list.IsList.Should().BeTrue();
        PhpArray.Map((1, "a")).IsList.Should().BeFalse();
        PhpArray.Empty.IsList.Should().BeTrue();
    }

    [Fact]
    public void entries_are_found_by_string_or_int_key()
    {
        var array = PhpArray.Map(("name", "Zoë"), (7, "seven"));

        array["name"].Should().Be(PhpValue.From("Zoë"));
        array[7].Should().Be(PhpValue.From("seven"));
        array.ContainsKey("missing").Should().BeFalse();
        array.TryGetValue(8, out _).Should().BeFalse();
    }

    [Fact]
    public void a_missing_key_throws_naming_the_key()
    {
        var lookup = () => PhpArray.Empty["role"];

        lookup.Should().Throw<KeyNotFoundException>().WithMessage("*role*");
    }

    [Fact]
    public void a_canonical_decimal_string_key_finds_the_int_key_as_in_php()
    {
        var list = PhpArray.List("first");

        list["0"].Should().Be(PhpValue.From("first"));
        list.Without("0").Should().Be(PhpArray.Empty);
    }

    [Theory]
    [InlineData("05")]
    [InlineData("-0")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("9223372036854775808")]
    public void non_canonical_numeric_strings_stay_string_keys(string key)
    {
        var array = PhpArray.Map((key, "string key"), (5, "int key"));

        array[key].Should().Be(PhpValue.From("string key"));
        array.Count.Should().Be(2);
    }

    [Fact]
    public void keys_php_would_merge_are_rejected_as_duplicates()
    {
        var build = () => PhpArray.Map((1, "a"), ("1", "b"));

        build.Should().Throw<ArgumentException>().WithMessage("Duplicate key*");
    }

    [Fact]
    public void keys_must_be_ints_or_strings()
    {
        var build = () => PhpArray.Map((1.5, "a"));

        build.Should().Throw<ArgumentException>().WithMessage("*PhpFloat*");
    }

    [Fact]
    public void arrays_with_the_same_entries_in_the_same_order_are_equal()
    {
        PhpArray.Map(("a", 1), ("b", 2)).Should().Be(PhpArray.Map(("a", 1), ("b", 2)));
        PhpArray.Map(("a", 1), ("b", 2)).GetHashCode().Should().Be(PhpArray.Map(("a", 1), ("b", 2)).GetHashCode());
        PhpArray.Map(("a", 1), ("b", 2)).Should().NotBe(PhpArray.Map(("b", 2), ("a", 1)));
    }

    [Fact]
    public void editing_returns_a_new_array_and_leaves_the_original_unchanged()
    {
        var original = PhpArray.List("a", "b");

        original.With(2, "c").Without(0);

        original.Should().Be(PhpArray.List("a", "b"));
    }

    [Fact]
    public void a_new_key_is_appended_at_the_end()
    {
        PhpArray.List("a").With("role", "x").Keys.Should().Equal(0, "role");
    }
}
