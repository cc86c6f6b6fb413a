using CaseManagement.Alerts.Triage;
using CaseManagement.Incidents;
using FluentAssertions;

namespace CaseManagement.UnitTests.Alerts;

/// <summary>Where a new alert goes: the open incident of its kind on the shop, else the shop's open triage item, else a new item.</summary>
public sealed class the_correlation_rule
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Skimmer = Guid.Parse("01900000-0000-7000-8000-00000000000a");
    private static readonly Guid OlderTakeover = Guid.Parse("01900000-0000-7000-8000-00000000000b");
    private static readonly Guid NewerTakeover = Guid.Parse("01900000-0000-7000-8000-00000000000c");
    private static readonly Guid OpenItem = Guid.Parse("01900000-0000-7000-8000-00000000000d");

    private static readonly OpenIncident[] Incidents =
    [
        new(Skimmer, IncidentKind.CheckoutSkimmer, Monday),
        new(OlderTakeover, IncidentKind.AccountTakeover, Monday.AddDays(-3)),
        new(NewerTakeover, IncidentKind.AccountTakeover, Monday.AddDays(1)),
    ];

    public static TheoryData<string, IncidentKind, OpenIncident[], Guid?, CorrelationDecision> Cases => new()
    {
        { "an open incident of the same kind takes the alert, because it is the same breach going on",
            IncidentKind.CheckoutSkimmer, Incidents, OpenItem, new CorrelationDecision.AttachToIncident(Skimmer) },
        { "of two open incidents of the kind the most recently detected takes it, because it is the freshest line of inquiry",
            IncidentKind.AccountTakeover, Incidents, null, new CorrelationDecision.AttachToIncident(NewerTakeover) },
        { "an incident of another kind does not take it, because a skimmer does not explain an SQL injection",
            IncidentKind.SqlInjection, Incidents, OpenItem, new CorrelationDecision.AddToTriageItem(OpenItem) },
        { "with nothing open the alert opens a triage item, because a person must decide what it is",
            IncidentKind.SqlInjection, [], null, new CorrelationDecision.OpenTriageItem() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_new_alert_is_placed(string because, IncidentKind kind, OpenIncident[] open, Guid? openItem, CorrelationDecision expected) =>
        Correlation.Decide(kind, open, openItem).Should().Be(expected, because);
}
