namespace CaseManagement.Shops.ShopActions;

/// <summary>One action's three steps on one platform; <see cref="ShopContainment"/> runs each in one <see cref="ContainmentSession"/>.</summary>
internal interface IPlaybook
{
    Task<ActionSnapshot> CaptureAsync(ContainmentSession session);

    Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before);

    Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options);
}
