using System.Text;
using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.Tests.Php;

/// <summary>
/// A seeded generator of PHP value trees, biased towards the cases a codec gets wrong: multi-byte text,
/// content that looks like serialized syntax, numeric-looking keys, and the edges of the int and float ranges.
/// </summary>
internal sealed class RandomPhpValues(int seed, bool utf8Only)
{
    private const int MaxDepth = 5;

    private static readonly string[] Fragments =
    [
        "a", "Z", " ", "0", "é", "ë", "中文", "😀", "👩‍💻", "\";}", "\"", ";", "}", "{", "s:3:\"x\";", "a:1:{", "\0", "\\", "\n", "'",
    ];

    private static readonly double[] SpecialFloats =
    [
        0.0, -0.0, 0.1, -0.1, 1.0, 1e15, 1e16, 1e17, 1e25, -1e25, 1e-4, 1e-5, 1e-7, 1e300,
        double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity,
    ];

    private static readonly string[] ClassNames = ["stdClass", "WC_Product_Simple", "Vendor\\Plugin\\Settings"];

    private readonly Random random = new(seed);

    public PhpValue Next() => Next(depth: 0);

    private PhpValue Next(int depth) => random.Next(depth < MaxDepth ? 9 : 6) switch
    {
        0 => PhpValue.Null,
        1 => random.Next(2) == 1,
        2 => NextInt(),
        3 => NextFloat(),
        4 or 5 => NextString(),
        6 or 7 => NextArray(depth),
        _ => new PhpObject(ClassNames[random.Next(ClassNames.Length)], NextArray(depth, propertyNames: true)),
    };

    private long NextInt() => random.Next(6) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => 0,
        3 => random.Next(-1000, 1000),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private double NextFloat() => random.Next(4) switch
    {
        0 => SpecialFloats[random.Next(SpecialFloats.Length)],
        1 => Math.Round((random.NextDouble() - 0.5) * 2000, 2),
        2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
        _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
    };

    private PhpString NextString()
    {
        if (!utf8Only && random.Next(5) == 0)
        {
            var bytes = new byte[random.Next(1, 12)];
            random.NextBytes(bytes);
            return new PhpString(bytes);
        }

        var text = new StringBuilder();
        for (var pieces = random.Next(8); pieces > 0; pieces--)
        {
            text.Append(random.Next(3) == 0 ? (char)random.Next(0x20, 0x7F) : Fragments[random.Next(Fragments.Length)]);
        }

        return new PhpString(text.ToString());
    }

    private PhpArray NextArray(int depth, bool propertyNames = false)
    {
        var count = random.Next(7);
        if (!propertyNames && random.Next(2) == 0)
        {
            return PhpArray.List(Enumerable.Range(0, count).Select(_ => Next(depth + 1)).ToList());
        }

        var array = PhpArray.Empty;
        for (var i = 0; i < count; i++)
        {
            var key = NextKey(propertyNames);
            if (!array.ContainsKey(key))
            {
                array = array.With(key, Next(depth + 1));
            }
        }

        return array;
    }

    private PhpValue NextKey(bool propertyName) => random.Next(6) switch
    {
        0 when !propertyName => NextInt(),
        1 => random.Next(-3, 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => random.Next(2) == 0 ? "05" : "-0",
        3 when propertyName => "\0*\0" + NextString().Text,
        _ => NextString(),
    };
}
