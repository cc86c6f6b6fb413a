using CaseManagement.Api;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CaseManagement.Incidents;

/// <summary>
/// The I/O edge shared by every incident command: read who asks and on which version, replay an
/// idempotent retry, load the stream, ask the pure lifecycle and command decisions, append, and store
/// the answer for retries, all in one Marten transaction so nothing is ever half-written.
/// </summary>
public sealed class IncidentCommandPipeline(IDocumentSession session, TimeProvider clock, IOptions<JsonOptions> json)
{
    public async Task<IResult> ExecuteAsync<TCommand>(HttpContext http, Guid id, TCommand command, CancellationToken ct)
        where TCommand : IIncidentCommand
    {
        if (!CommandContext.TryRead(http, out var context, out var problem)
            || !ExpectedVersion.TryResolve(http, command.ExpectedVersion, out var expected, out problem))
        {
            return problem!;
        }

        var now = clock.GetUtcNow();
        var validation = new Validation();
        command.Validate(validation, now);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        var fingerprint = Idempotency.Fingerprint(command, json.Value.SerializerOptions);
        if (context.IdempotencyKey is { } key && await Idempotency.TryReplayAsync(session, http, key, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        var stream = await session.Events.FetchForWriting<Incident>(id, ct);
        if (stream.Aggregate is not { } incident)
        {
            return Problems.IncidentNotFound(id);
        }

        if (expected is { } e && e != incident.Version)
        {
            return Problems.VersionConflict(id, e, incident.Version);
        }

        if (IncidentLifecycle.Check(incident, TCommand.Action) is { } rejection)
        {
            return Problems.InvalidTransition(rejection);
        }

        if (command.Refuse(incident) is { } refusal)
        {
            return Problems.InvalidTransition(new LifecycleRejection(incident.Status, TCommand.Action, refusal, incident.AllowedActions));
        }

        var events = command.Decide(incident, now).ToList();
        stream.AppendMany(events);
        var after = IncidentReplay.ApplyAll(incident, events, now);
        var body = new IncidentChanged(id, incident.Version + events.Count, after.Status, IncidentLifecycle.AllowedActions(after));

        StampMetadata(context);
        if (context.IdempotencyKey is { } k)
        {
            session.Insert(Idempotency.Record(http, k, fingerprint, StatusCodes.Status200OK, null, body, json.Value.SerializerOptions, context.Actor, now));
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is ConcurrencyException or DocumentAlreadyExistsException)
        {
            return await AfterLostRaceAsync(http, id, context, fingerprint, ct);
        }

        http.Response.Headers.ETag = ExpectedVersion.ETag(body.Version);
        return Results.Ok(body);
    }

    public async Task<IResult> StartAsync(HttpContext http, object request, Func<Guid, object> firstEvent, CancellationToken ct)
    {
        if (!CommandContext.TryRead(http, out var context, out var problem))
        {
            return problem!;
        }

        var fingerprint = Idempotency.Fingerprint(request, json.Value.SerializerOptions);
        if (context.IdempotencyKey is { } key && await Idempotency.TryReplayAsync(session, http, key, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        session.Events.StartStream<Incident>(id, firstEvent(id));
        var location = $"/api/incidents/{id}";
        var body = new IncidentCreated(id, 1);
        StampMetadata(context);
        if (context.IdempotencyKey is { } k)
        {
            session.Insert(Idempotency.Record(http, k, fingerprint, StatusCodes.Status201Created, location, body, json.Value.SerializerOptions, context.Actor, clock.GetUtcNow()));
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            return await AfterLostRaceAsync(http, id, context, fingerprint, ct);
        }

        http.Response.Headers.ETag = ExpectedVersion.ETag(1);
        return Results.Created(location, body);
    }

    private void StampMetadata(CommandContext context)
    {
        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        session.LastModifiedBy = context.Actor;
    }

    // Another request got there first. If it was the same idempotent request, answer as it did;
    // otherwise the client decided on stale state and must reload.
    private async Task<IResult> AfterLostRaceAsync(HttpContext http, Guid id, CommandContext context, string fingerprint, CancellationToken ct)
    {
        if (context.IdempotencyKey is { } key)
        {
            await using var fresh = session.DocumentStore.QuerySession();
            if (await Idempotency.TryReplayAsync(fresh, http, key, fingerprint, ct) is { } replay)
            {
                return replay;
            }
        }

        return Problems.ConcurrentChange(id);
    }
}

public sealed record IncidentCreated(Guid Id, long Version);
