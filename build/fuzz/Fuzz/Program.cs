using Fuzz;

// bash build/fuzz.sh [--requests 10000] [--seed 1] [--service <CaseManagement.dll>] [--output artifacts/fuzz]
// Reads ConnectionStrings__Marten (and ConnectionStrings__ShopTests for a shop to register) as build/lib/common.sh exports them.
var requests = 10_000;
var seed = 1;
var output = "artifacts/fuzz";
string? dll = null;
const string Usage = "use --requests N --seed N --service <dll> --output <folder> (bash build/fuzz.sh passes --service and --output)";
for (var i = 0; i < args.Length; i += 2)
{
    if (args[i] is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    // A dangling option was ignored before, so `--help` started a whole run.
    if (i + 1 == args.Length)
    {
        Console.Error.WriteLine($"option {args[i]} needs a value; {Usage}");
        return 2;
    }

    switch (args[i])
    {
        case "--requests": requests = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--service": dll = args[i + 1]; break;
        case "--output": output = args[i + 1]; break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; {Usage}");
            return 2;
    }
}

if (Environment.GetEnvironmentVariable("ConnectionStrings__Marten") is not { Length: > 0 } eventStore || dll is null)
{
    Console.Error.WriteLine("fuzz: set ConnectionStrings__Marten and pass --service <CaseManagement.dll> (bash build/fuzz.sh does both)");
    return 2;
}

var report = await Fuzzing.RunAsync(new FuzzOptions(requests, seed, dll, eventStore, Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests"), output), Console.Out);
Console.WriteLine(report.Summary());
return report.Broken.Count == 0 ? 0 : 1;
