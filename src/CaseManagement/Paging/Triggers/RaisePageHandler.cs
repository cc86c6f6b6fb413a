using CaseManagement.Paging.Delivering;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Roster;
using Marten;

namespace CaseManagement.Paging.Triggers;

public static class RaisePageHandler
{
    public const string Actor = "system:paging";

    /// <summary>
    /// Starts the page's stream with the on-call order of this instant and sends it to the first person; with nobody on the roster the
    /// page is recorded as raised and unanswered at once, so "nobody was paged" is on the record rather than silence.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(RaisePage message, IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(message.PageId, ct) is not null)
        {
            return [];
        }

        var roster = await session.LoadAsync<OnCallRoster>(OnCallRoster.StreamId, ct);
        var order = OnDuty.At(roster?.People ?? [], now, out var outsideHours);
        var raised = new PageRaised(message.PageId, message.Cause, message.Subject, message.Detail, message.Source, message.Link, message.IncidentId,
            message.TriageItemId, [.. order.Select(p => new PagedPerson(p.Name, p.Email, p.WebhookUrl))], outsideHours, roster?.AcknowledgeWithinMinutes ?? 0);
        session.LastModifiedBy = Actor;
        if (order.Count == 0)
        {
            session.Events.StartStream<Page>(message.PageId, raised, new PageUnanswered(message.PageId, 0, "the organisation has no on-call roster"));
            return [];
        }

        session.Events.StartStream<Page>(message.PageId, raised);
        return [new DeliverPage(message.PageId, 0)];
    }
}
