using CaseManagement.Rules.Playbooks;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Containment;

/// <summary>The shop adapter's action for a planned step; null for steps that are not a change to the shop (evidence, scans, manual work).</summary>
public static class ContainmentShopActions
{
    /// <param name="fill">Replaces a "{name}" placeholder left for a secret parameter with its value.</param>
    public static ContainmentAction? For(ContainmentStepPlan plan, Func<string, string> fill)
    {
        string? Argument(string name) => plan.Arguments.TryGetValue(name, out var value) && value.Length > 0 ? Fill(value) : null;
        string Fill(string value) => value.StartsWith('{') && value.EndsWith('}') ? fill(value[1..^1]) : value;

        return plan.Action switch
        {
            ContainmentActions.DeactivatePlugin => new DeactivatePlugin(Argument("plugin")!),
            ContainmentActions.RevokeCredentials => new RevokeCredentials(Argument("leakedKey"), Argument("userLogin"), Argument("webhookDeliveryHost"),
                Argument("integrationName")),
            ContainmentActions.LockAdmin => new LockAdmin(Argument("login")!),
            ContainmentActions.EndCustomerSessions => new EndCustomerSessions(),
            _ => null,
        };
    }
}

/// <summary>Secret run parameters (a leaked key) are encrypted under the run's own data key, so they can be shredded with it.</summary>
public static class ContainmentSecrets
{
    public static string Subject(Guid runId) => $"containment-run:{runId:N}";
}
