using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

public sealed class the_php_scalar
{
    public static TheoryData<string, PhpValue> Scalars => new()
    {
        { "N;", PhpValue.Null },
        { "b:0;", false },
        { "b:1;", true },
        { "i:0;", 0 },
        { "i:-42;", -42 },
        { "i:9223372036854775807;", long.MaxValue },
        { "i:-9223372036854775808;", long.MinValue },
    };

    // Expected texts are what PHP 7.1+ serialize() writes with the default serialize_precision = -1.
    public static TheoryData<double, string> Floats => new()
    {
        { 0.0, "d:0;" },
        { -0.0, "d:-0;" },
        { 1.0, "d:1;" },
        { 100.0, "d:100;" },
        { 123456789.0, "d:123456789;" },
        { 1.5, "d:1.5;" },
        { -1.5, "d:-1.5;" },
        { 0.1, "d:0.1;" },
        { 0.1 + 0.2, "d:0.30000000000000004;" },
        { 1.0 / 3, "d:0.3333333333333333;" },
        { 0.0001, "d:0.0001;" },
        { 0.00001, "d:1.0E-5;" },
        { 9.99e-5, "d:9.99E-5;" },
        { -1e-25, "d:-1.0E-25;" },
        { 1e15, "d:1000000000000000;" },
        { 1e16, "d:10000000000000000;" },
        { 9.999999999999999e16, "d:99999999999999980;" },
        { 1e17, "d:1.0E+17;" },
        { 1.23e20, "d:1.23E+20;" },
        { 1e25, "d:1.0E+25;" },
        { 1.5e300, "d:1.5E+300;" },
        { double.MaxValue, "d:1.7976931348623157E+308;" },
        { 2.2250738585072014E-308, "d:2.2250738585072014E-308;" },
        { double.Epsilon, "d:5.0E-324;" },
        { double.PositiveInfinity, "d:INF;" },
        { double.NegativeInfinity, "d:-INF;" },
        { double.NaN, "d:NAN;" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void scalars_read_and_write_as_php_does(string serialized, PhpValue value)
    {
        PhpSerializer.Deserialize(serialized).Should().Be(value);
        PhpSerializer.Serialize(value).Should().Be(serialized);
    }

    [Theory]
    [MemberData(nameof(Floats))]
    public void floats_are_written_with_the_shortest_round_trip_digits_in_php_layout(double value, string serialized)
    {
        PhpSerializer.Serialize(value).Should().Be(serialized);
        PhpSerializer.Deserialize(serialized).Should().Be(PhpValue.From(value));
    }

    [Fact]
    public void negative_zero_is_a_different_value_from_zero()
    {
        PhpValue.From(-0.0).Should().NotBe(PhpValue.From(0.0));
    }

    [Theory]
    [InlineData("d:1e3;", 1000.0)]
    [InlineData("d:1E+25;", 1e25)]
    [InlineData("d:.5;", 0.5)]
    [InlineData("d:5.;", 5.0)]
    [InlineData("d:-.5e+1;", -5.0)]
    [InlineData("d:+2.5;", 2.5)]
    [InlineData("d:1e400;", double.PositiveInfinity)]
    public void floats_in_any_form_php_accepts_are_read(string serialized, double expected)
    {
        PhpSerializer.Deserialize(serialized).Should().Be(PhpValue.From(expected));
    }

    [Theory]
    [InlineData("d:0.10000000000000001;", "d:0.1;")]
    [InlineData("d:1.0E+25;", "d:1.0E+25;")]
    [InlineData("i:+5;", "i:5;")]
    [InlineData("i:007;", "i:7;")]
    [InlineData("i:-0;", "i:0;")]
    public void forms_php_no_longer_writes_are_rewritten_canonically(string legacy, string canonical)
    {
        PhpSerializer.Serialize(PhpSerializer.Deserialize(legacy)).Should().Be(canonical);
    }
}
