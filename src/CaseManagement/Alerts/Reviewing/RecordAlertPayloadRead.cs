using JasperFx.Core;
using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Alerts.Reviewing;

/// <summary>Record on the alert's stream that a person was served one of its raw payloads.</summary>
/// <param name="Actor">The person, as the request that served it was stamped.</param>
public sealed record RecordAlertPayloadRead(AlertPayloadRead Read, string Actor);

/// <summary>
/// Invoked by the payload endpoint and committed before the payload is served. Intake and triage append to the same alert
/// meanwhile, so a version conflict is tried again on the alert's newer version: a person's read never fails because of them.
/// </summary>
public static class RecordAlertPayloadReadHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException(Infrastructure.WriteCollisions.Matches).RetryWithCooldown(10.Milliseconds(), 50.Milliseconds(), 100.Milliseconds(), 250.Milliseconds());

    public static void Handle(RecordAlertPayloadRead message, IDocumentSession session)
    {
        session.LastModifiedBy = message.Actor;
        session.Events.Append(message.Read.AlertId, message.Read);
    }
}
