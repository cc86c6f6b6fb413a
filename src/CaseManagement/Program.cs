using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Infrastructure;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
// Binding failures (bad JSON, unknown fields) throw so ProblemExceptionHandler can explain them.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier;
    c.ProblemDetails.Extensions.Remove("traceId");
});
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<PostgresReadiness>("postgresql", tags: ["ready"]);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddEventStore(builder.Environment);
builder.Services.AddScoped<IncidentCommandPipeline>();
if (builder.Configuration.GetValue<bool>("CaseManagement:SeedDemoIncident"))
{
    builder.Services.AddHostedService<DemoIncidentSeeder>();
}

builder.Host.UseWolverine(opts =>
{
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
});

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.Use(async (http, next) =>
{
    http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
    http.Response.Headers.XContentTypeOptions = "nosniff";
    // Kestrel enforces the limit while reading; this answers early when the size is declared.
    if (http.Request.ContentLength > RequestLimits.MaxBodyBytes)
    {
        throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }

    if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
    {
        limit.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
    }

    await next(http);
});

app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapIncidentEndpoints();

return await app.RunJasperFxCommands(args);

/// <summary>Entry point, visible to the Alba integration tests.</summary>
public partial class Program;
