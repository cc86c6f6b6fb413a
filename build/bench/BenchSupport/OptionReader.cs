using System.Globalization;

namespace BenchSupport;

/// <summary>Reads a benchmark's "--name value" options in order; a wrong or unknown option is an <see cref="ArgumentException"/> naming it.</summary>
public sealed class OptionReader(string[] args)
{
    private int _index = -1;

    /// <summary>The next option's name, or null at the end.</summary>
    public string? Next() => ++_index < args.Length ? args[_index] : null;

    public string Value() => _index + 1 < args.Length ? args[++_index] : throw new ArgumentException($"{args[_index]} needs a value.");

    public int Positive()
    {
        var name = args[_index];
        return int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number.");
    }

    public ArgumentException Unknown() => new($"Unknown option '{args[_index]}'.");

    /// <summary>Parses, or prints the problem and the usage to stderr and answers false.</summary>
    public static bool TryParse<T>(string[] args, Func<OptionReader, T> parse, string usage, out T options)
    {
        try
        {
            options = parse(new OptionReader(args));
            return true;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(usage);
            options = default!;
            return false;
        }
    }

    /// <summary>A token that Ctrl+C cancels, so a long run stops cleanly instead of being killed mid-write.</summary>
    public static CancellationToken CancelOnCtrlC()
    {
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return cancellation.Token;
    }
}
