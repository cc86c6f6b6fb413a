using CaseManagement.Alerts.Triage;
using CaseManagement.Containment;
using CaseManagement.Incidents;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Triggers;
using FluentAssertions;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Paging;

/// <summary>Which recorded events page someone, and why a page's id follows from its cause.</summary>
public sealed class the_page_triggers
{
    private static readonly Guid Item = Guid.CreateVersion7();
    private static readonly Guid IncidentId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Due = new(2026, 12, 9, 12, 0, 0, TimeSpan.Zero);

    private static IEvent Recorded(object data)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Id = Guid.NewGuid();
        return e;
    }

    public static TheoryData<string, object, PageCause?> Cases => new()
    {
        { "a critical alert opening a triage item pages, because it needs a person now",
            new TriageItemOpened(Item, "shop-a", IncidentKind.AccountTakeover, Severity.Critical, Guid.NewGuid(), "rogue admin", "new-item"), PageCause.CriticalAlert },
        { "a high alert opening a triage item does not page, because only critical alerts wake people",
            new TriageItemOpened(Item, "shop-a", IncidentKind.AccountTakeover, Severity.High, Guid.NewGuid(), "rogue admin", "new-item"), null },
        { "a critical alert added to an item pages, because the item became critical",
            new TriageAlertAdded(Item, Guid.NewGuid(), IncidentKind.CheckoutSkimmer, Severity.Critical, "skimmer"), PageCause.CriticalAlert },
        { "a missed triage target pages, because the SLA is escalated through paging",
            new TriageSlaBreached(Item, SlaTarget.Acknowledge, Due, Severity.High), PageCause.TriageSlaBreached },
        { "an approaching deadline pages, because someone must act before it",
            new DeadlineApproaching(IncidentId, "gdpr-33", "EU", "supervisory authority", "GDPR Art. 33(1)", Due, EscalationBasis.Deadline, 24, "v1"),
            PageCause.DeadlineApproaching },
        { "a missed deadline pages, because it is late already",
            new DeadlineMissed(IncidentId, "gdpr-33", "EU", "supervisory authority", "GDPR Art. 33(1)", Due, EscalationBasis.Deadline, "v1"), PageCause.DeadlineMissed },
        { "a containment step waiting for approval pages, because nothing happens until an approver says yes",
            new ContainmentStepAwaitingApproval(IncidentId, Guid.NewGuid(), "rotate-keys", "revokes live API keys"), PageCause.ApprovalWaiting },
        { "an acknowledged triage item does not page, because a person already has it", new TriageItemAcknowledged(Item, null), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void an_event_pages_or_not(string because, object data, PageCause? expected) =>
        PageTriggers.For(Recorded(data))?.Cause.Should().Be(expected, because);

    [Fact]
    public void the_types_the_subscription_reads_are_those_that_can_page() =>
        PageTriggers.EventTypes.Should().Contain([typeof(TriageItemOpened), typeof(TriageSlaBreached), typeof(DeadlineMissed), typeof(ContainmentStepAwaitingApproval)],
            "an event type left out of the subscription's filter would never page");

    [Fact]
    public void a_second_critical_alert_on_the_same_item_is_the_same_page()
    {
        var opened = PageTriggers.For(Recorded(new TriageItemOpened(Item, "shop-a", IncidentKind.AccountTakeover, Severity.Critical, Guid.NewGuid(), "a", "r")));
        var added = PageTriggers.For(Recorded(new TriageAlertAdded(Item, Guid.NewGuid(), IncidentKind.AccountTakeover, Severity.Critical, "b")));

        added!.PageId.Should().Be(opened!.PageId, "one triage item pages once for critical alerts, however many arrive");
    }

    [Fact]
    public void the_same_event_seen_twice_is_the_same_page_and_another_event_is_another()
    {
        var missed = new DeadlineMissed(IncidentId, "gdpr-33", "EU", "supervisory authority", "GDPR Art. 33(1)", Due, EscalationBasis.Deadline, "v1");
        var once = Recorded(missed);

        PageTriggers.For(once)!.PageId.Should().Be(PageTriggers.For(once)!.PageId, "a replayed subscription must not page twice");
        PageTriggers.For(Recorded(missed))!.PageId.Should().NotBe(PageTriggers.For(once)!.PageId, "another recorded event is another page");
    }
}
