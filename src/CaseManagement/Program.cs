using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Catalogue;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Security.ApiKeys;
using CaseManagement.Security.Authentication;
using CaseManagement.Security.Hardening;
using CaseManagement.Security.Pii;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);
if (DevTokenCommand.Matches(args))
{
    return DevTokenCommand.Run(args, builder.Configuration, builder.Environment);
}

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
builder.Services.AddCaseManagementSecurity(builder.Configuration);
if (!builder.Environment.IsDevelopment())
{
    builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
}

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
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseSecurityHeaders();
app.Use(async (http, next) =>
{
    http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
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
app.UseAuthenticationFailureThrottle();
app.UseAuthentication();
app.UseAuthorization();

// The only anonymous routes: health for orchestrators and the API description.
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapIncidentEndpoints();
app.MapDeadlineEndpoints();
DeadlineBoardEndpoint.Map(app);
ListObligationsEndpoint.Map(app);
app.MapApiKeyEndpoints();
ErasePersonalDataEndpoint.Map(app);

return await app.RunJasperFxCommands(args);

/// <summary>Entry point, visible to the Alba integration tests.</summary>
public partial class Program;
