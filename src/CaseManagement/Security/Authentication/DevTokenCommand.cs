namespace CaseManagement.Security.Authentication;

/// <summary>
/// `dotnet run --project src/CaseManagement -- dev-token --sub sam@shop.example --org demo --role responder`
/// prints a bearer token signed with the local key. Development only: elsewhere tokens come from the
/// organisation's identity provider.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "dev-token";

    public static bool Matches(string[] args) => args is [Name, ..];

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            Console.Error.WriteLine("dev-token only works in Development (ASPNETCORE_ENVIRONMENT=Development).");
            return 2;
        }

        string? subject = null, organisation = null;
        var roles = new List<string>();
        var hours = 8.0;
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--sub": subject = args[i + 1]; break;
                case "--org": organisation = args[i + 1]; break;
                case "--role": roles.Add(args[i + 1]); break;
                case "--hours": hours = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}.");
                    return Usage();
            }
        }

        if (subject is null || organisation is null || roles.Count == 0)
        {
            return Usage();
        }

        try
        {
            var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
            Console.WriteLine(new DevTokenIssuer(settings, TimeProvider.System).Issue(subject, organisation, roles, TimeSpan.FromHours(hours)));
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: {Name} --sub <who> --org <organisation> --role <{string.Join("|", Roles.All)}> [--role ...] [--hours 8]");
        return 2;
    }
}
