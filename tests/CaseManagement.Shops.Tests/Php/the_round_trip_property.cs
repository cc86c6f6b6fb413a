using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

/// <summary>Round-trip laws over random value trees. Each seed is fixed, so a failure names a reproducible case.</summary>
public sealed class the_round_trip_property
{
    private const int CasesPerSeed = 1000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void deserializing_serialized_text_gives_back_the_value_and_the_text(int seed)
    {
        var values = new RandomPhpValues(seed, utf8Only: true);
        for (var i = 0; i < CasesPerSeed; i++)
        {
            var value = values.Next();
            var text = PhpSerializer.Serialize(value);

            var read = PhpSerializer.Deserialize(text);

            read.Should().Be(value, "seed {0}, case {1}: {2}", seed, i, text);
            PhpSerializer.Serialize(read).Should().Be(text, "seed {0}, case {1}", seed, i);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void bytes_that_are_not_utf8_round_trip_through_the_byte_api(int seed)
    {
        var values = new RandomPhpValues(seed, utf8Only: false);
        for (var i = 0; i < CasesPerSeed; i++)
        {
            var value = values.Next();
            var bytes = PhpSerializer.SerializeToBytes(value);

            var read = PhpSerializer.Deserialize(bytes);

            read.Should().Be(value, "seed {0}, case {1}: {2}", seed, i, value);
            PhpSerializer.SerializeToBytes(read).Should().Equal(bytes, "seed {0}, case {1}: {2}", seed, i, value);
        }
    }

    [Theory]
    [InlineData(21)]
    public void every_truncation_of_valid_text_is_rejected_with_an_offset_inside_it(int seed)
    {
        var values = new RandomPhpValues(seed, utf8Only: false);
        for (var i = 0; i < CasesPerSeed / 10; i++)
        {
            var bytes = PhpSerializer.SerializeToBytes(values.Next());
            for (var length = 0; length < bytes.Length; length++)
            {
                var truncated = bytes[..length];

                var deserialize = () => PhpSerializer.Deserialize(truncated);

                deserialize.Should().Throw<PhpSerializationException>("seed {0}, case {1}, length {2}", seed, i, length)
                    .Which.Offset.Should().BeInRange(0, length);
            }
        }
    }
}
