using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Incidents.Triage;

/// <summary>
/// The incident named the wrong shop (a typo, a sister shop): a person corrects it, with a reason, and the earlier name stays
/// in the history. New scoping and containment runs read the corrected shop; runs already started keep the shop they read.
/// </summary>
public sealed record CorrectShop(string? Shop, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.CorrectShop;
}

public static class CorrectShopEndpoint
{
    public static ProblemDetails Validate(CorrectShop command) => new Validation()
        .Required("shop", command.Shop, 100)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    public static Task<IReadOnlyList<RegisteredShop>> LoadAsync(IDocumentSession session, CancellationToken ct) => RegisteredShops.AllAsync(session, ct);

    public static ProblemDetails Validate(CorrectShop command, Incident incident, IReadOnlyList<RegisteredShop> shops)
    {
        var name = command.Shop!.Trim();
        if (name == incident.Shop)
        {
            return new Validation().Add("shop", $"the incident already names shop '{name}'").ToProblem();
        }

        return shops.FirstOrDefault(s => s.Id == name) is { } shop ? shop.RefuseNewRuns() : RegisteredShops.Unknown("shop", name, shops);
    }

    [WolverinePost("/api/incidents/{id}/correct-shop", OperationId = nameof(CorrectShop),
        Summary = "Correct the shop the incident names, with a reason (a registered shop; the earlier name stays in the history)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentShopCorrected) Post(CorrectShop command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new IncidentShopCorrected(incident.Id, incident.Shop, command.Shop!.Trim(), command.Reason!.Trim()));
}
