using CaseManagement.ShopRegistry;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Monitoring.Deciding;

/// <summary>Take a change monitoring raised into the shop's baseline: it was expected (a new colleague, a plugin the shop installed).</summary>
/// <param name="Key">The open change's key, as GET …/monitoring lists it ("admin:17").</param>
public sealed record AcceptBaselineChange(string? Key, string? Reason);

/// <summary>The shop, its baseline stream, and the open change named.</summary>
public sealed record BaselineChangeRequest(RegisteredShop? Shop, IEventStream<ShopBaseline>? Stream);

public static class AcceptBaselineChangeEndpoint
{
    public static ProblemDetails Validate(AcceptBaselineChange command) =>
        new Validation().Required("key", command.Key, 1000).Required("reason", command.Reason, 4000).ToProblem();

    public static async Task<BaselineChangeRequest> LoadAsync(string name, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<RegisteredShop>(name, ct) is { } shop
            ? new BaselineChangeRequest(shop, await session.Events.FetchForWriting<ShopBaseline>(ShopBaseline.StreamId(session.TenantId, name), ct))
            : new BaselineChangeRequest(null, null);

    public static ProblemDetails Validate(AcceptBaselineChange command, BaselineChangeRequest request, string name)
    {
        if (request.Shop is null)
        {
            return ShopChanges.NotFound(name);
        }

        var open = request.Stream?.Aggregate?.Open.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
        if (open.Contains(command.Key!.Trim()))
        {
            return WolverineContinue.NoProblems;
        }

        var problem = new Validation().Add("key", open.Count == 0
            ? $"shop '{name}' has no open monitoring change to accept"
            : $"'{command.Key}' is not an open monitoring change of shop '{name}'; open: {string.Join(", ", open)}").ToProblem();
        problem.Extensions["openChanges"] = open;
        return problem;
    }

    [WolverinePost("/api/shops/{name}/monitoring/accept", OperationId = nameof(AcceptBaselineChange),
        Summary = "Accept a change monitoring raised into the shop's baseline (who and why are recorded); it is not raised again")]
    [Authorize(Policies.RecordFacts), Tags("Monitoring")]
    public static ShopBaselineChangeAccepted Post(AcceptBaselineChange command, BaselineChangeRequest request, System.Security.Claims.ClaimsPrincipal user)
    {
        var stream = request.Stream!;
        var key = command.Key!.Trim();
        var accepted = new ShopBaselineChangeAccepted(stream.Id, request.Shop!.Id, key, stream.Aggregate!.Open[key].Digest, CaseManagementClaims.ActorOf(user),
            command.Reason!.Trim());
        stream.AppendOne(accepted);
        return accepted;
    }
}
