using CaseManagement.Operations.Cluster;
using CaseManagement.Operations.Telemetry;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaseManagement.Operations;

/// <summary>
/// What operators watch and run (docs/operations.md, docs/metrics.md): OpenTelemetry traces, metrics and logs, the
/// Prometheus endpoint for the scraper, the gauges the whole cluster shares, and the key ring every node reads.
/// </summary>
public static class OperationsModule
{
    /// <summary>Activity sources of the frameworks: one trace follows a request through Wolverine's messages and every database call.</summary>
    public static readonly string[] TraceSources = ["Wolverine", "Marten", "MySqlConnector", CaseManagementMetrics.ActivitySourceName];

    /// <summary>Meters beside ASP.NET Core's, HttpClient's and the runtime's (Wolverine names its meter after the service).</summary>
    public static readonly string[] Meters = ["Wolverine*", "Marten*", "JasperFx*", "Npgsql", "MySqlConnector", CaseManagementMetrics.MeterName];

    /// <summary>Marten's own spans and event counters.</summary>
    public static void ConfigureStore(StoreOptions opts)
    {
        opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        opts.OpenTelemetry.TrackEventCounters();
        SharedKeyRing.ConfigureStore(opts);
    }

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.Section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.Configure<TelemetryOptions>(section);

        // Log lines carry the trace they belong to, so a log search leads to the trace and back.
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (options.JsonLogs)
        {
            services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
            services.Configure<JsonConsoleFormatterOptions>(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperatorRoute(http.Request.Path, options))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(TraceSources))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter());
        // OTLP only where a collector is named; the standard OTEL_EXPORTER_OTLP_* variables configure it as well.
        if (options.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            telemetry.WithLogging().UseOtlpExporter(Enum.Parse<OtlpExportProtocol>(options.OtlpProtocol, ignoreCase: true), new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        SharedKeyRing.AddTo(services);
        services.AddHostedService(sp => sp.GetRequiredService<OperationsSampler>());
        services.AddSingleton<OperationsSampler>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, MetricsScrapeAuthentication>(MetricsScrapeAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(MetricsScrapeAuthentication.Policy, p => p
            .AddAuthenticationSchemes(MetricsScrapeAuthentication.SchemeName)
            .RequireRole(MetricsScrapeAuthentication.ScraperRole));
        return services;
    }

    /// <summary>The Prometheus endpoint: the scrape token, or anyone when configured so.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var metrics = app.MapPrometheusScrapingEndpoint(options.Metrics.Path);
        if (options.Metrics.AllowAnonymous)
        {
            metrics.AllowAnonymous();
        }
        else
        {
            metrics.RequireAuthorization(MetricsScrapeAuthentication.Policy);
        }

        return app;
    }

    // Scrapes and health probes every few seconds would bury the requests people make.
    private static bool IsOperatorRoute(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments(options.Metrics.Path) || path.StartsWithSegments("/health");
}
