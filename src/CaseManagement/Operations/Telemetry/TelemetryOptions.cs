namespace CaseManagement.Operations.Telemetry;

/// <summary>Settings under "Telemetry" (docs/metrics.md).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The service.name every trace, metric and log record carries.</summary>
    public string ServiceName { get; set; } = "casemanagement";

    /// <summary>
    /// Where OTLP exports traces, metrics and logs (for example http://127.0.0.1:4318 with HttpProtobuf). Unset: nothing is
    /// exported, unless the standard OTEL_EXPORTER_OTLP_ENDPOINT variable names one.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"Grpc" (the OTLP default, port 4317) or "HttpProtobuf" (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>One JSON object per log line on the console (with trace and span ids), for a log collector.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>How often each node reads the cluster-wide gauges (daemon lag, deadlines, dead letters) from PostgreSQL.</summary>
    public double SampleSeconds { get; set; } = 15;

    public MetricsEndpointOptions Metrics { get; set; } = new();

    public TimeSpan SampleInterval => TimeSpan.FromSeconds(SampleSeconds);
}

/// <summary>The Prometheus scrape endpoint.</summary>
public sealed class MetricsEndpointOptions
{
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// The bearer token a scraper sends (Prometheus: <c>authorization: { credentials: … }</c>). Metrics count every
    /// organisation's deadlines, so they are for the platform's operators, not for a person of one organisation.
    /// </summary>
    public string? ScrapeToken { get; set; }

    /// <summary>Serve /metrics to anyone: only where the port is reachable by the scraper alone.</summary>
    public bool AllowAnonymous { get; set; }
}
