namespace CaseManagement.Shops.ShopActions;

internal static class Outcomes
{
    /// <summary>An outcome whose summary ends with what was left alone and why, so an auditor sees what was deliberately not done.</summary>
    public static ActionOutcome With(IReadOnlyList<ShopChange> changes, string summary, IReadOnlyCollection<string> notes) =>
        new(changes, notes.Count > 0 ? $"{summary} Note: {string.Join("; ", notes)}." : summary);
}
