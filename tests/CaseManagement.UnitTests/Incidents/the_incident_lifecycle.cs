using CaseManagement.Incidents;
using FluentAssertions;
using static CaseManagement.Incidents.IncidentAction;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Incidents;

/// <summary>The decision table: for every situation, exactly which actions are allowed.</summary>
public class the_incident_lifecycle
{
    private static readonly IncidentAction[] FactsOnOpenIncident =
    [
        ClassifySeverity, AssignResponder, AddNote, RecordClockInstant, RecordDataCategories, RecordEncryptionStatus, RecordAffectedCounts,
        RecordSectorFlags, AssessRisk, RequestLawEnforcementDelay, RecordObligationSatisfied, RecordRegulatorSubmission, AdoptCatalogueVersion,
        WaiveObligation, WaiveOrdering, AcknowledgeOrdering, JustifyGenericContent, CorrectShop, RecordBreachStart, MarkDuplicate,
    ];

    private static readonly IncidentAction[] FactsDuringLawEnforcementDelay =
        [.. FactsOnOpenIncident.Where(a => a != RequestLawEnforcementDelay), LiftLawEnforcementDelay];

    public static readonly Dictionary<string, (IncidentStatus Status, IncidentAction[] Allowed)> Table = new()
    {
        ["detected"] = (IncidentStatus.Detected, [Contain, Scope, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["detected, aware"] = (IncidentStatus.Detected, [Contain, Scope, MarkFalsePositive, CorrectAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["contained"] = (IncidentStatus.Contained, [Scope, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["scoped, not contained"] = (IncidentStatus.Scoped, [Contain, Scope, Notify, DecideNoNotification, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["scoped, contained"] = (IncidentStatus.Scoped, [Scope, Notify, DecideNoNotification, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["no notification owed"] = (IncidentStatus.NoNotificationOwed, [Scope, Notify, MarkFalsePositive, Close, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["no notification owed, not contained"] = (IncidentStatus.NoNotificationOwed, [Contain, Scope, Notify, MarkFalsePositive, Close, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["notified"] = (IncidentStatus.Notified, [Scope, Notify, Close, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["notified, not contained"] = (IncidentStatus.Notified, [Contain, Scope, Notify, Close, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["false positive"] = (IncidentStatus.FalsePositive, [Close, RecordAwareness, .. FactsOnOpenIncident]),
        ["false positive after scoping"] = (IncidentStatus.FalsePositive, [Close, RecordAwareness, .. FactsOnOpenIncident]),
        ["closed after notification"] = (IncidentStatus.Closed, [Reopen, AddNote]),
        ["closed as false positive"] = (IncidentStatus.Closed, [Reopen, AddNote]),
        ["closed without notification"] = (IncidentStatus.Closed, [Reopen, AddNote]),
        ["reopened after notification"] = (IncidentStatus.Notified, [Scope, Notify, Close, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["reopened false positive"] = (IncidentStatus.Detected, [Contain, Scope, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
        ["scoped, law enforcement asked to wait"] = (IncidentStatus.Scoped, [Contain, Scope, Notify, DecideNoNotification, MarkFalsePositive, RecordAwareness, .. FactsDuringLawEnforcementDelay, StartContainment]),
        ["law-enforcement delay lifted"] = (IncidentStatus.Scoped, [Contain, Scope, Notify, DecideNoNotification, MarkFalsePositive, RecordAwareness, .. FactsOnOpenIncident, StartContainment]),
    };

    public static IEnumerable<object[]> Situations() => All().Select(s => new object[] { s.Name });

    [Fact]
    public void the_table_covers_every_story() =>
        Table.Keys.Should().BeEquivalentTo(All().Select(s => s.Name), "each story needs a row in the decision table");

    [Theory]
    [MemberData(nameof(Situations))]
    public void each_situation_has_its_status_and_exactly_its_allowed_actions(string situation)
    {
        var incident = All().Single(s => s.Name == situation).Incident;
        var (status, allowed) = Table[situation];

        incident.Status.Should().Be(status, "the status of '{0}' follows from its milestones", situation);
        IncidentLifecycle.AllowedActions(incident).Should().BeEquivalentTo(allowed, "the allowed actions of '{0}'", situation);

        foreach (var action in Enum.GetValues<IncidentAction>())
        {
            var rejection = IncidentLifecycle.Check(incident, action);
            if (allowed.Contains(action))
            {
                rejection.Should().BeNull("{0} is allowed when '{1}'", action, situation);
            }
            else
            {
                rejection.Should().NotBeNull("{0} is not allowed when '{1}'", action, situation);
                rejection!.CurrentStatus.Should().Be(status);
                rejection.Reason.Should().NotBeNullOrWhiteSpace("a refusal must say why");
                rejection.AllowedActions.Should().BeEquivalentTo(allowed, "a refusal lists what may be done instead");
            }
        }
    }

    [Fact]
    public void notification_requires_a_recorded_scope() =>
        IncidentLifecycle.Check(Given(Detection(), ContainmentRecorded), Notify)!.Reason.Should().Contain("requires a recorded scope");

    [Fact]
    public void closing_explains_the_three_ways_to_get_there() =>
        IncidentLifecycle.Check(Given(Detection(), ContainmentRecorded, ScopeRecorded), Close)!.Reason
            .Should().Contain("notifications were sent").And.Contain("no notification is owed").And.Contain("false-positive");

    [Fact]
    public void a_closed_incident_must_be_reopened_before_its_facts_change() =>
        IncidentLifecycle.Check(Given(Detection(), FalsePositive, Closure), ClassifySeverity)!.Reason.Should().Contain("reopen it first");
}
