using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Infrastructure;
using CaseManagement.Operations;
using CaseManagement.Security.Authentication;
using CaseManagement.Security.Hardening;
using CaseManagement.Web;
using JasperFx;
using JasperFx.Core;
using Npgsql;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using CaseManagement.Api.Conventions;

var builder = WebApplication.CreateBuilder(args);
if (DevTokenCommand.Matches(args))
{
    return DevTokenCommand.Run(args, builder.Configuration, builder.Environment);
}

builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
// Binding failures (bad JSON, unknown fields) throw so ProblemExceptionHandler can explain them.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsConventions.Customize);
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemDetailsWhateverAccepted>();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(o => o.AddOperationTransformer<IdempotencyKeyDocumentation>());
builder.Services.AddAvailability();
builder.Services.AddHealthChecks().AddCheck<DeadLetterReadiness>("dead-letters", tags: [Availability.ReadyTag]);

builder.Services.AddSingleton(TimeProvider.System);
if (!builder.Environment.IsDevelopment())
{
    builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
}

// Before the event store: Wolverine must be running when the daemon's subscriptions first publish.
builder.Host.UseWolverine(opts =>
{
    opts.Policies.AutoApplyTransactions();
    opts.UseHttpConventions();
    opts.Policies.UseDurableLocalQueues();
    opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
    // Another node appended to the same stream first (or raced for the same new key): the retry reloads and decides again.
    // Marten reports several collisions of one batch as an AggregateException, which WriteCollisions also recognises.
    opts.Policies.OnException(WriteCollisions.Matches).RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds())
        .Then.ScheduleRetry(5.Seconds(), 30.Seconds());
    opts.WaitForTheDatabase();
    // As for Marten's schema: outside Development `resources setup` provisions Wolverine's tables before the first start,
    // so a start does not compare their schema with the database's.
    if (builder.Environment.IsProduction())
    {
        opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
    }

    // Any other database error (a unique key two handlers raced for, say) is tried again a few times, as before.
    opts.Policies.OnException<NpgsqlException>().RetryWithCooldown(1.Seconds(), 5.Seconds(), 30.Seconds());
    Modules.ConfigureWolverine(opts, builder.Configuration);
});

builder.Services.AddGeneratedCode(builder.Environment, builder.Configuration);
builder.Services.AddEventStore(builder.Environment, builder.Configuration);
builder.Services.AddWolverineHttp();
builder.Services.AddModules(builder.Configuration);

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
app.UseIdempotentReplayHeader();
app.UseAuthentication();
app.UseAuthenticationFailureThrottle();
app.UseAuthorization();

// The only anonymous routes: health for orchestrators and the API description.
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapReadiness("/health/ready").AllowAnonymous();
app.MapWolverineEndpoints(opts =>
{
    opts.UseHttpConventions();
    opts.AddPolicy<IncidentLifecycleGate>();
    opts.AddPolicy<CaseManagement.Readiness.Exercises.ExerciseScope>();
    opts.AddPolicy<CaseManagement.Readiness.Reviews.ReviewGate>();
});
app.MapCaseManagementWeb();
app.MapOperations();

// Without arguments the service just runs: JasperFx would first scan every assembly for its commands (0.6 s of a 2 s start).
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}

return await app.RunJasperFxCommands(args);

/// <summary>Entry point, visible to the Alba integration tests.</summary>
public partial class Program;
