using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;

namespace CaseManagement.Api;

/// <summary>
/// The first response to a request carrying an Idempotency-Key. It is stored in the same transaction as
/// the events it answers, so a retry either finds it (and appends nothing) or finds nothing was written.
/// </summary>
public sealed class IdempotentResponse
{
    public string Id { get; set; } = "";
    public string RequestFingerprint { get; set; } = "";
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public string BodyJson { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

public static class Idempotency
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Keys are scoped to the method and path: the same key on another route is another request.</summary>
    public static string DocumentId(HttpContext http, string key) =>
        Hash($"{http.Request.Method} {http.Request.Path.Value?.ToLowerInvariant()} {key}");

    public static string Fingerprint(object request, JsonSerializerOptions json) =>
        Hash(JsonSerializer.Serialize(request, request.GetType(), json));

    public static async Task<IResult?> TryReplayAsync(IQuerySession session, HttpContext http, string key, string fingerprint, CancellationToken ct)
    {
        var stored = await session.LoadAsync<IdempotentResponse>(DocumentId(http, key), ct);
        if (stored is null)
        {
            return null;
        }

        if (stored.RequestFingerprint != fingerprint)
        {
            return Results.Problem(
                title: "Idempotency key reused",
                detail: $"The Idempotency-Key '{key}' was already used on this route for a different request body. Use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        return Results.Content(stored.BodyJson, "application/json", Encoding.UTF8, stored.StatusCode);
    }

    public static IdempotentResponse Record(HttpContext http, string key, string fingerprint, int status, string? location, object body,
        JsonSerializerOptions json, string actor, DateTimeOffset now) => new()
    {
        Id = DocumentId(http, key),
        RequestFingerprint = fingerprint,
        StatusCode = status,
        Location = location,
        BodyJson = JsonSerializer.Serialize(body, body.GetType(), json),
        Actor = actor,
        RecordedAt = now,
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
