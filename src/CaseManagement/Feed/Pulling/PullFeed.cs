using System.Globalization;
using Marten;

namespace CaseManagement.Feed.Pulling;

/// <summary>A page of the feed; pass <paramref name="Next"/> as <c>after</c> for the following one.</summary>
public sealed record FeedPage(IReadOnlyList<CloudEvent> Events, long Next, bool HasMore);

/// <summary>
/// The feed for integrators who poll: the organisation's events in global sequence order (so each incident's in its own
/// order), from a position or an instant, optionally only some types. The same envelopes the webhooks carry.
/// </summary>
public static class PullFeedEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    [WolverineGet("/api/feed", OperationId = "PullFeed",
        Summary = "The organisation's events as CloudEvents, after a sequence (?after=) or from an instant (?since=), ?limit= up to 1000, ?types=a,b, " +
                  "?exercises=include for its exercises too")]
    [Authorize(Policies.ReadFeed), Tags("Integrator feed")]
    public static async Task<IResult> Get(string? after, string? since, string? limit, string? types, string? exercises, HttpContext http, IQuerySession session,
        IDocumentStore store, CancellationToken ct)
    {
        if (after is not null && since is not null)
        {
            return Problems.BadRequest("Give after (a sequence) or since (an instant), not both.");
        }

        long? from = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return Problems.BadRequest($"after must be a sequence number: 0, or the next of the previous page (got '{after}').");
            }

            from = position;
        }

        DateTimeOffset? instant = null;
        if (since is not null)
        {
            if (!StrictInstantConverter.TryParse(since, out var parsed))
            {
                return Problems.InvalidInstantQuery("since", since);
            }

            instant = parsed;
        }

        var size = DefaultLimit;
        if (limit is not null && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
        {
            return Problems.BadRequest($"limit must be a whole number (got '{limit}').");
        }

        var wanted = types?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var validation = new Validation();
        if (size is < 1 or > MaxLimit)
        {
            validation.Add("limit", $"must be between 1 and {MaxLimit}");
        }

        for (var i = 0; i < (wanted?.Length ?? 0); i++)
        {
            if (FeedCatalogue.Find(wanted![i]) is null)
            {
                validation.Add($"types[{i}]", $"'{wanted[i]}' is not a feed type; GET /api/feed/types lists them");
            }
        }

        if (exercises is not (null or "include" or "exclude"))
        {
            validation.Add("exercises", $"'{exercises}' is not one of: include, exclude (the default)");
        }

        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        var ceiling = await FeedReader.CeilingAsync(store, ct);
        var start = from ?? (instant is { } at ? await FeedReader.PositionBeforeAsync(session, at, ceiling, ct) : 0);
        var events = await FeedReader.ReadAsync(session, start, ceiling, wanted is { Length: > 0 } ? wanted : null, size + 1, ct, exercises == "include");
        var organisation = CaseManagementClaims.OrganisationOf(http.User)!;
        var page = events.Take(size).Select(e => CloudEvent.Of(e, organisation)).ToList();
        var hasMore = events.Count > size;
        // Without more, everything up to the ceiling was read: the next page starts there, past other organisations' events.
        return Results.Ok(new FeedPage(page, hasMore ? page[^1].Position : Math.Max(start, ceiling), hasMore));
    }
}
