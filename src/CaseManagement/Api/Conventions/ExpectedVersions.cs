using System.Text.RegularExpressions;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>A command that may say which version of its stream the client decided on.</summary>
public interface IExpectVersion
{
    long? ExpectedVersion { get; }
}

/// <summary>
/// Optimistic concurrency the client asks for: <c>If-Match: "N"</c> (the ETag of a read) or <c>expectedVersion</c> in the
/// body. Checked against the stream just loaded, before anything is decided, on every chain that writes to an aggregate;
/// a mismatch is a 409 with both versions. A write slipping in after the load still fails the commit (Marten's
/// FetchForWriting), which is also a 409.
/// </summary>
public sealed partial class ExpectedVersions : IHttpPolicy
{
    [GeneratedRegex("""^(W/)?"?(?<v>\d{1,18})"?$""")]
    private static partial Regex EtagPattern();

    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>The version an ETag written by <see cref="ETag"/> names.</summary>
    public static bool TryParseETag(string? etag, out long version)
    {
        version = 0;
        return etag is not null && EtagPattern().Match(etag.Trim()) is { Success: true } match && long.TryParse(match.Groups["v"].Value, out version);
    }

    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        // A read that records an access (an evidence download) is not a decision on a version.
        foreach (var chain in chains.Where(c => !c.HttpMethods.Contains("GET")))
        {
            if (!chain.TryFindEventStream(out var aggregateType, out _))
            {
                continue;
            }

            var check = chain.RequestType?.IsAssignableTo(typeof(IExpectVersion)) == true
                ? AggregateChains.Call(typeof(ExpectedVersions), nameof(Check), aggregateType, chain.RequestType)
                : AggregateChains.Call(typeof(ExpectedVersions), nameof(CheckHeader), aggregateType);
            chain.Middleware.Insert(chain.AfterAggregateIsLoaded(aggregateType), check);
            // The version the answer leaves the stream at, once the decision's events are appended.
            chain.Postprocessors.Insert(0, AggregateChains.Call(typeof(ExpectedVersions), nameof(WriteETag), aggregateType));
        }
    }

    public static ProblemDetails CheckHeader<TAggregate>(HttpContext http, IEventStream<TAggregate> stream) where TAggregate : notnull =>
        Compare(http, stream, null);

    public static ProblemDetails Check<TAggregate, TCommand>(HttpContext http, IEventStream<TAggregate> stream, TCommand command)
        where TAggregate : notnull where TCommand : IExpectVersion =>
        Compare(http, stream, command.ExpectedVersion);

    public static void WriteETag<TAggregate>(HttpContext http, IEventStream<TAggregate> stream) where TAggregate : notnull
    {
        if (stream.CurrentVersion is { } version)
        {
            http.Response.Headers.ETag = ETag(version);
        }
    }

    private static ProblemDetails Compare<TAggregate>(HttpContext http, IEventStream<TAggregate> stream, long? fromBody) where TAggregate : notnull
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        long? expected = fromBody;
        if (header.Length > 0 && header != "*")
        {
            if (EtagPattern().Match(header) is not { Success: true } match)
            {
                return Problems.BadRequestDetails($"If-Match must be the version as an ETag, e.g. If-Match: \"3\" (got '{header}').");
            }

            var fromHeader = long.Parse(match.Groups["v"].Value);
            if (fromBody is { } body && body != fromHeader)
            {
                return Problems.BadRequestDetails($"If-Match ({fromHeader}) and expectedVersion ({body}) disagree; send one of them.");
            }

            expected = fromHeader;
        }

        var current = stream.StartingVersion ?? 0;
        return expected is { } e && e != current
            ? Problems.VersionConflictDetails(Problems.Describe(typeof(TAggregate), stream.Id), e, current)
            : WolverineContinue.NoProblems;
    }
}
