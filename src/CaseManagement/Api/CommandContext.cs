using System.Text.RegularExpressions;

namespace CaseManagement.Api;

/// <summary>
/// Who issues a command and in which chain of work, read from the request. The actor comes from the
/// X-Actor header until authentication replaces it (issue: security baseline).
/// </summary>
public sealed record CommandContext(string Actor, string CorrelationId, string CausationId, string? IdempotencyKey)
{
    public const string ActorHeader = "X-Actor";
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxHeaderLength = 200;

    public static bool TryRead(HttpContext http, out CommandContext context, out IResult? problem)
    {
        context = null!;
        problem = null;
        var actor = http.Request.Headers[ActorHeader].ToString().Trim();
        if (actor.Length == 0)
        {
            problem = Problems.BadRequest($"The {ActorHeader} header is required on every change: it names who made the decision (e.g. \"{ActorHeader}: jane.doe@shop.example\").");
            return false;
        }

        var key = http.Request.Headers[IdempotencyHeader].ToString().Trim();
        var correlation = http.Request.Headers[CorrelationHeader].ToString().Trim();
        foreach (var (name, value) in new[] { (ActorHeader, actor), (IdempotencyHeader, key), (CorrelationHeader, correlation) })
        {
            if (value.Length > MaxHeaderLength)
            {
                problem = Problems.BadRequest($"The {name} header is longer than {MaxHeaderLength} characters.");
                return false;
            }
        }

        context = new CommandContext(
            actor,
            correlation.Length > 0 ? correlation : http.TraceIdentifier,
            // Causation: this HTTP request is what caused the events; its id is echoed in X-Request-Id.
            http.TraceIdentifier,
            key.Length > 0 ? key : null);
        return true;
    }
}

/// <summary>The client's expected version: If-Match (an ETag from a GET) or expectedVersion in the body.</summary>
public static partial class ExpectedVersion
{
    [GeneratedRegex("""^(W/)?"?(?<v>\d{1,18})"?$""")]
    private static partial Regex EtagPattern();

    public static string ETag(long version) => $"\"{version}\"";

    public static bool TryResolve(HttpContext http, long? fromBody, out long? expected, out IResult? problem)
    {
        expected = fromBody;
        problem = null;
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        var match = EtagPattern().Match(header);
        if (!match.Success)
        {
            problem = Problems.BadRequest($"If-Match must be the incident's version as an ETag, e.g. If-Match: \"3\" (got '{header}').");
            return false;
        }

        var fromHeader = long.Parse(match.Groups["v"].Value);
        if (fromBody is { } body && body != fromHeader)
        {
            problem = Problems.BadRequest($"If-Match ({fromHeader}) and expectedVersion ({body}) disagree; send one of them.");
            return false;
        }

        expected = fromHeader;
        return true;
    }
}
