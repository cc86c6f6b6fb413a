using CaseManagement.Rules.Playbooks;
using CaseManagement.Shops;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Containment.Starting;

/// <summary>
/// Turns a playbook step into the step this shop will run: manual procedures get the platform's checklist, and an
/// action the platform cannot do through its database becomes a manual step saying what a person must do instead.
/// </summary>
public static class ContainmentPlanning
{
    public static ContainmentStepPlan ToStepPlan(PlannedStep step, ShopPlatform platform)
    {
        var plan = new ContainmentStepPlan(step.Id, step.Title, step.Action, step.Why, step.Arguments, Automated: step.Action != ContainmentActions.Manual,
            step.RequiresApproval, step.Required, step.Compensation, step.TimeoutMinutes, step.EvidenceTables, step.Checklist);
        if (step.Manual is { } procedure)
        {
            return plan with { Checklist = [.. ManualChecklist(procedure, platform), .. step.Checklist] };
        }

        if (ContainmentShopActions.For(plan, _ => "") is { } action && ShopContainments.Capability(platform, action) is { Automated: false } capability)
        {
            return plan with
            {
                Automated = false,
                Checklist = [.. capability.Manual ?? [], .. step.Checklist],
                Compensation = "by hand, reversing the checklist",
            };
        }

        return plan;
    }

    public static IReadOnlyList<string> ManualChecklist(string procedure, ShopPlatform platform) => procedure switch
    {
        ManualProcedures.MaintenanceMode => ShopManualSteps.MaintenanceMode(platform),
        ManualProcedures.MuPluginsAndDropIns => ShopManualSteps.CodeOutsideTheDatabase(platform),
        ManualProcedures.FlushCaches => ShopManualSteps.CacheFlush(platform),
        _ => throw new ArgumentOutOfRangeException(nameof(procedure), procedure, "unknown manual procedure"),
    };
}
