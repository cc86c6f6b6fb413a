namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// Containment runs on a node of their own, so a restart in the middle of a run is a real one. Its evidence goes to the folder
/// store (ADR 36), which keeps that store, the choice for a shared mount, exercised too.
/// </summary>
public sealed class ContainmentFixture() : SoleNodeFixture("casemanagement_containment_tests", new Dictionary<string, string>
{
    ["Escalation:Enabled"] = "false",
    ["Containment:RetryBackoffSeconds"] = "0.5,1",
    ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, "restarts"),
    ["Evidence:Store"] = "folder",
});

[CollectionDefinition(Name)]
public sealed class ContainmentCollection : ICollectionFixture<ContainmentFixture>
{
    public const string Name = "containment-restarts";
}
