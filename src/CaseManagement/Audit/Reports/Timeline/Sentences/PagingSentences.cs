using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Roster;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>The on-call roster and the pages sent from it (ADR 32): who was asked to act, how it reached them, and who answered.</summary>
internal static class PagingSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<OnCallRosterSet>((e, n) => new Told(
            $"{n.Subject} set the on-call roster: {List(e.People.Select(p => p.Name))}, in that order; a page waits {e.AcknowledgeWithinMinutes} min for each.",
            Why: e.Reason))
        .On<PageRaised>((e, n) => new Told(
            e.Recipients.Count == 0
                ? $"{n.Subject} raised a page ({Word(e.Cause)}): “{e.Subject}”, with nobody on the on-call roster to send it to."
                : $"{n.Subject} raised a page ({Word(e.Cause)}): “{e.Subject}”, for {List(e.Recipients.Select(p => p.Name))} in turn" +
                  $"{(e.OutsideHours ? " (nobody was on duty, so the whole roster)" : "")}.",
            Why: e.Detail, Details: e.Source))
        .On<PageDelivered>((e, n) => new Told($"{n.Subject} handed the page for {e.Person} to the {e.Channel} provider, which accepted it.", Details: e.ProviderResponse))
        .On<PageDeliveryFailed>((e, n) => new Told($"{n.Subject} could not hand the page for {e.Person} to the {e.Channel} provider.", Why: e.Reason))
        .On<PageAcknowledged>((e, n) => new Told($"{e.By} acknowledged the page (by {e.Via}); it no longer escalates.", Why: e.Note))
        .On<PageEscalated>((e, n) => new Told($"{n.Subject} passed the page from {e.From} to {e.To}: no acknowledgement within {e.WaitedMinutes} min."))
        .On<PageUnanswered>((e, n) => new Told($"{n.Subject} recorded the page as unanswered.", Why: e.Why));
}
