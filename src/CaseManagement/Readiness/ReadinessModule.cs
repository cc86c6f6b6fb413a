using CaseManagement.Readiness.Exercises;
using CaseManagement.Notifications;
using CaseManagement.Notifications.Channels;
using CaseManagement.Readiness.Exercises.Clock;
using CaseManagement.Readiness.Exercises.Sandbox;
using CaseManagement.Readiness.Exercises.Running;
using CaseManagement.Readiness.Library;
using CaseManagement.Readiness.Metrics;
using CaseManagement.Readiness.Policy;
using CaseManagement.Readiness.Reviews;
using JasperFx.Events.Projections;
using Marten;

namespace CaseManagement.Readiness;

/// <summary>
/// Readiness (ADR 24): exercises (their stream in the organisation's tenant, their incident in a tenant of their own, their
/// clock, its report), post-incident reviews and the close gate, the readiness policy, the exercise schedule, the metrics projection, the organisation's
/// own playbook and scenario versions.
/// </summary>
public static class ReadinessModule
{
    public const string ExerciseQueue = "exercises";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<Exercise>(SnapshotLifecycle.Inline);
        opts.Schema.For<Exercise>().Index(x => x.StartedAt);
        opts.Schema.For<PublishedProcedure>().Index(x => x.Procedure);
        opts.Projections.Snapshot<Review>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<ReadinessPolicy>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Schedule.ExerciseSchedule>(SnapshotLifecycle.Inline);
        opts.Projections.Add<IncidentMeasuresProjection>(ProjectionLifecycle.Async);
        opts.Projections.Snapshot<ChangeProposal>(SnapshotLifecycle.Inline);
        opts.Projections.Add<PublishedProcedureProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<IncidentMeasures>().Index(x => x.DetectedAt);
    }

    /// <summary>An exercise's injects append to its one stream: one at a time.</summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<DeliverDueInjects>().ToLocalQueue(ExerciseQueue);
        opts.PublishMessage<OpenExerciseIncident>().ToLocalQueue(ExerciseQueue);
        opts.LocalQueue(ExerciseQueue).Sequential();
    }

    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = NotificationsModule.SmtpOptionsFrom(configuration.GetSection(SandboxChannels.Section));
        if (configuration.GetValue<bool>("CaseManagement:SeedDemoIncident"))
        {
            services.AddHostedService<Exercises.Demo.DemoExerciseSeeder>();
        }

        return services.AddSingleton<CaseClocks>()
            .AddSingleton(sp => new SandboxChannels(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<TimeProvider>(),
                smtp is null ? null : new SmtpEmailChannel(smtp)));
    }
}
