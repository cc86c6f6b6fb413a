using CaseManagement.IntegrationTests.Infrastructure;
using MailSink;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// Exercises on a node of their own, with escalations on (the point is to see the deadlines run out) and two mail servers:
/// the sandbox's, where an exercise's notices may go, and the real channel's, where they must never arrive.
/// </summary>
public sealed class ExerciseFixture() : SoleNodeFixture("casemanagement_exercise_tests", Settings())
{
    private static readonly SmtpSink Sandbox = SmtpSink.Start();
    private static readonly SmtpSink Real = SmtpSink.Start();

    public SmtpSink SandboxMail => Sandbox;

    public SmtpSink RealMail => Real;

    private static Dictionary<string, string> Settings() => new()
    {
        ["Escalation:Enabled"] = "true",
        ["Containment:RetryBackoffSeconds"] = "0.2,0.2",
        ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, "exercises"),
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Real.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Tls"] = "None",
        ["Notifications:Smtp:From"] = "notices@shop.test",
        ["Notifications:SendRetryDelaysSeconds"] = "0.1,0.1",
        ["Exercises:Sandbox:Smtp:Host"] = "127.0.0.1",
        ["Exercises:Sandbox:Smtp:Port"] = Sandbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Exercises:Sandbox:Smtp:Tls"] = "None",
        ["Exercises:Sandbox:Smtp:From"] = "exercise@shop.test",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Real.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ExerciseCollection : ICollectionFixture<ExerciseFixture>
{
    public const string Name = "exercises";
}
