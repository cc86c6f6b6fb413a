namespace CaseManagement.Alerts.Formats;

public static class ListAlertFormatsEndpoint
{
    [WolverineGet("/api/alert-formats", OperationId = "ListAlertFormats",
        Summary = "The formats alert sources are registered with: their mappings, the documents they follow, and an example payload")]
    [Authorize, Tags("Alerts")]
    public static IReadOnlyList<AlertFormat> Get() => AlertFormats.All;
}
