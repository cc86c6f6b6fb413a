using CaseManagement.Security;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// Every event a request records carries who asked (the authenticated principal, never a claim of the client's), the
/// chain of work it belongs to (the caller's <c>X-Correlation-Id</c>, else the request id) and what caused it (this
/// request, whose id is echoed in <c>X-Request-Id</c>). Applied to every chain that opens a Marten session for writing.
/// </summary>
public sealed class RequestStamping : IHttpPolicy
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const int MaxHeaderLength = 200;

    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var session = chain.Middleware.FindIndex(f => f.GetType().Name == "CreateDocumentSessionFrame");
            if (session >= 0)
            {
                chain.Middleware.Insert(session + 1, new MethodCall(typeof(RequestStamping), nameof(Stamp)));
            }
        }
    }

    public static ProblemDetails Stamp(HttpContext http, IDocumentSession session)
    {
        var correlation = http.Request.Headers[CorrelationHeader].ToString().Trim();
        if (correlation.Length > MaxHeaderLength)
        {
            return Problems.BadRequestDetails($"The {CorrelationHeader} header is longer than {MaxHeaderLength} characters.");
        }

        session.LastModifiedBy = CaseManagementClaims.ActorOf(http.User);
        session.CorrelationId = correlation.Length > 0 ? correlation : http.TraceIdentifier;
        session.CausationId = http.TraceIdentifier;
        return WolverineContinue.NoProblems;
    }
}
