namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// Deadline escalations on, alone on their own database: a restart is a real restart, and the main scenarios' old
/// incidents cannot fill its queues with "missed".
/// </summary>
public sealed class EscalationFixture() : SoleNodeFixture("casemanagement_escalation_tests", new Dictionary<string, string>
{
    ["Escalation:Enabled"] = "true",
});

[CollectionDefinition(Name)]
public sealed class EscalationCollection : ICollectionFixture<EscalationFixture>
{
    public const string Name = "escalation";
}
