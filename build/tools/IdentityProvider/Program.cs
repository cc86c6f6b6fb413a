using System.Globalization;

namespace IdentityProvider;

// A named entry point, not top-level statements: test projects reference this tool and the service, and both would
// otherwise bring a global Program.
public static class Program
{
    private const string Usage = """
        Usage: dotnet run --project build/tools/IdentityProvider -- [--port N] [--redirect-uri URI]... [--client-secret S]
          --port N            port on 127.0.0.1 (default 5081; 0 picks a free one)
          --redirect-uri URI  where the service's pages receive sign-ins, e.g. http://127.0.0.1:5080/signin-oidc
          --client-secret S   the web client's secret (default: the local demo value in the service's appsettings.Development.json)
        Runs only with ASPNETCORE_ENVIRONMENT=Development. Stops on Ctrl+C or SIGTERM.
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new IdentityProviderOptions
        {
            Port = 5081,
            Environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production",
        };
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                options = args[i] switch
                {
                    "--port" => options with
                    {
                        Port = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : throw new ArgumentException("--port needs a whole number."),
                    },
                    "--redirect-uri" => options with
                    {
                        RedirectUris = [.. options.RedirectUris, Uri.TryCreate(Value(), UriKind.Absolute, out var uri) ? uri : throw new ArgumentException("--redirect-uri needs an absolute URI.")],
                    },
                    "--client-secret" => options with { ClientSecret = Value() },
                    var other => throw new ArgumentException($"Unknown option '{other}'."),
                };
            }
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        DemoIdentityProvider provider;
        try
        {
            provider = await DemoIdentityProvider.StartAsync(options);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        Console.WriteLine($"IdentityProvider ready on {provider.Url} for client {options.ClientId}; people: {string.Join(", ", DemoPeople.All.Select(p => p.Subject))}");
        // The host's own console lifetime ends it on Ctrl+C or SIGTERM.
        await provider.WaitForShutdownAsync();
        await provider.DisposeAsync();
        return 0;
    }
}
