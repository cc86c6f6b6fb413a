using System.Text.RegularExpressions;
using CaseManagement.Security;

namespace CaseManagement.Api;

/// <summary>
/// Who issues a command and in which chain of work. The actor is the authenticated principal
/// ("user:&lt;sub&gt;" or "api-key:&lt;prefix&gt; (&lt;name&gt;)"), never something the client merely claims.
/// </summary>
public sealed record CommandContext(string Actor, string CorrelationId, string CausationId, string? IdempotencyKey)
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxHeaderLength = 200;

    public static bool TryRead(HttpContext http, out CommandContext context, out IResult? problem)
    {
        context = null!;
        problem = null;
        var actor = CaseManagementClaims.ActorOf(http.User);
        var key = http.Request.Headers[IdempotencyHeader].ToString().Trim();
        var correlation = http.Request.Headers[CorrelationHeader].ToString().Trim();
        foreach (var (name, value) in new[] { (IdempotencyHeader, key), (CorrelationHeader, correlation) })
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
