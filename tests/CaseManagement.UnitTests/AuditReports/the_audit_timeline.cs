using System.Reflection;
using CaseManagement.Audit.Reports;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Audit.Reports.Timeline.Sentences;
using CaseManagement.Containment;
using CaseManagement.Containment.Evidence;
using CaseManagement.Feed;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Evidence;
using FluentAssertions;
using JasperFx.Events;
using static CaseManagement.UnitTests.AuditReports.RecordedHistory;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>The audit timeline: every recorded event as a sentence an auditor can read, with when, who, why and on what evidence.</summary>
public class the_audit_timeline
{
    private static readonly Guid Run = Guid.Parse("01900000-0000-7000-8000-0000000000c1");
    private static readonly Guid Evidence = Guid.Parse("01900000-0000-7000-8000-0000000000e1");

    private static readonly ContainmentStepPlan LockAdmin = new("lock-admin", "Lock the account and end its sessions", "lock-admin",
        "Cuts the attacker off: no new logins, existing sessions and cookies die.", new Dictionary<string, string> { ["login"] = "mallory" },
        Automated: true, RequiresApproval: false, Required: true, "unlock", 10, null, []);

    // Every stream of an incident's record, as the feed catalogues them (a test there keeps the catalogue complete).
    private static readonly IReadOnlyList<Type> RecordedEvents =
    [
        .. new[] { FeedCatalogue.Incidents, FeedCatalogue.ScopingRuns, FeedCatalogue.ContainmentRuns, FeedCatalogue.Evidence, FeedCatalogue.EvidenceHolds, FeedCatalogue.Escalations,
            FeedCatalogue.AccessLogs, FeedCatalogue.Campaigns, FeedCatalogue.Reviews }.SelectMany(s => s.Events),
    ];

    [Fact]
    public void every_event_type_of_an_incidents_record_has_its_own_sentence()
    {
        RecordedEvents.Should().HaveCountGreaterThan(60, "the record holds the lifecycle, facts, scoping, containment, evidence, notifications and exports");
        RecordedEvents.Except(EventSentences.Described).Should().BeEmpty("an event an auditor cannot read is a gap in the audit trail");
    }

    [Fact]
    public void every_sentence_names_who_acted_even_for_an_event_with_only_the_required_values()
    {
        var narration = new Narration("Sam", Detection().History.Incident);

        foreach (var type in RecordedEvents)
        {
            var told = EventSentences.Tell(Sparse(type), narration);

            told.What.Should().StartWith("Sam", "{0} is told as something someone did", type.Name);
        }
    }

    [Fact]
    public void a_history_reads_as_who_did_what_when_and_why()
    {
        var history = Detection()
            .Then("user:kim@shop.test", Detected.AddMinutes(20), new ResponderAssigned(Id, "lena@shop.test", "incident lead"))
            .Then(Sam, Detected.AddHours(2).AddMinutes(5), new IncidentContained(Id, Detected.AddHours(1).AddMinutes(40), "footer script removed"));

        var entries = AuditTimeline.Entries(history.Record, history.History);

        entries.Select(e => e.What).Should().Equal(
            "sam@shop.test opened the incident “Skimmer in checkout” on shop-1: checkout-skimmer detected through WAF alert; " +
            "data involved: payment-card and email.",
            "kim@shop.test assigned lena@shop.test to the incident as incident lead.",
            "sam@shop.test recorded the breach as contained.");
        entries[2].When.Should().Be("contained at 2026-03-02 09:40 UTC, recorded at 2026-03-02 10:05 UTC",
            "the business time comes first where it differs from the recording time");
        entries[2].Why.Should().Be("footer script removed");
        entries[1].When.Should().Be("recorded at 2026-03-02 08:20 UTC", "an assignment states no time of its own");
        entries.Select(e => (e.Version, e.Sequence, e.Type)).Should().Equal((1, 500, "incident_detected"), (2, 501, "responder_assigned"), (3, 502, "incident_contained"));
    }

    [Fact]
    public void an_exercise_incident_says_from_its_first_entry_that_it_is_not_real()
    {
        var staged = new RecordedHistory().On(Id, CaseManagement.Incidents.Reviewing.IncidentRecord.IncidentStream, "system:exercise", Detected, new IncidentDetected(Id, "Skimmer in checkout", "sandbox-1",
            IncidentKind.CheckoutSkimmer, Detected, null, "acquirer", null, ["payment-card"],
            Exercise: new CaseManagement.Readiness.Exercises.ExerciseMark(Guid.Parse("01900000-0000-7000-8000-0000000000ee"), "checkout-skimmer", 1)));

        AuditTimeline.Entries(staged.Record, staged.History)[0].What.Should().EndWith(
            "; an exercise, not a real incident (exercise 01900000, scenario checkout-skimmer v1).", "an auditor must never read an exercise as a breach");
        AuditTimeline.Entries(Detection().Record, Detection().History)[0].What.Should().NotContain("exercise", "a real incident is not called one");
    }

    [Fact]
    public void status_changes_and_owner_assignments_are_explicit_entries()
    {
        var history = Detection()
            .Then(Sam, Detected.AddHours(1), new ResponderAssigned(Id, "lena@shop.test", null))
            .Then(Sam, Detected.AddHours(2), new IncidentContained(Id, Detected.AddHours(2), "plugin deactivated"))
            .Then(Sam, Detected.AddHours(3), new MarkedFalsePositive(Id, "our own pen-test"))
            .Then(Sam, Detected.AddHours(4), new IncidentClosed(Id, null));

        var entries = AuditTimeline.Entries(history.Record, history.History);

        entries.Select(e => e.StatusChange).Should().Equal(
            new StatusChange(null, "detected"), null, new StatusChange("detected", "contained"), new StatusChange("contained", "false-positive"),
            new StatusChange("false-positive", "closed"));
        entries[1].What.Should().Be("sam@shop.test assigned lena@shop.test to the incident.");
    }

    [Fact]
    public void the_service_changing_the_shop_is_told_in_the_words_of_the_step_with_what_changed()
    {
        var history = Detection()
            .On(Run, "containment-run", Sam, Detected.AddHours(1), new ContainmentRequested(Id, Run, "account-takeover", 1, "ab12", "shop-1", "woocommerce",
                new Dictionary<string, string> { ["adminLogin"] = "mallory" }, new Dictionary<string, ProtectedValue>(), [LockAdmin], "owner login used from abroad"))
            .On(Run, "containment-run", "system:containment", Detected.AddHours(1).AddMinutes(1), new ContainmentStepSucceeded(Id, Run, "lock-admin", "Locked mallory.",
            [
                new ShopChange("wp_usermeta 7", "roles removed", "administrator", "none"),
                new ShopChange("wp_users 7", "password hash scrambled", null, null),
            ]));

        var entries = AuditTimeline.Entries(history.Record, history.History);

        entries[1].What.Should().Be("sam@shop.test started containment playbook account-takeover v1 on shop-1 (woocommerce): 1 step; parameters: adminLogin = mallory.");
        entries[1].Why.Should().Be("owner login used from abroad");
        entries[2].What.Should().Be("The containment run locked the back-office account mallory on shop-1: roles removed, password hash scrambled.");
        entries[2].Why.Should().Be(LockAdmin.Why, "the step's reason is the playbook's");
        entries[2].Details.Should().Be("Locked mallory.");
        entries[2].Actor.Should().Be(new Actor("system", "system:containment", "The containment run"));
        entries.Skip(1).Should().OnlyContain(e => e.Stream == "containment-run" && e.StreamId == Run, "a run's events are told from its own stream");
        entries[1].StatusChange.Should().BeNull("starting a run does not change the incident's status");
    }

    [Fact]
    public void evidence_is_named_with_its_file_hashes()
    {
        var history = Detection()
            .On(Evidence, "evidence", "system:containment", Detected.AddHours(1), new EvidencePreserved(Id, Evidence, Run, "preserve-evidence", "shop-1", "sam@shop.test", "/evidence/x",
                ["wp_users"], Detected.AddMinutes(59), "10.11.6-MariaDB", [new EvidenceFile("wp_users.sql.gz", 2048, "aa11", "wp_users", 12)]))
            .On(Evidence, "evidence", "user:audrey@shop.test", Detected.AddHours(2), new EvidenceAccessed(Id, Evidence, "wp_users.sql.gz", "aa11", true));

        var entries = AuditTimeline.Entries(history.Record, history.History);

        entries[1].Evidence.Should().Equal(new EvidenceReference("wp_users.sql.gz", Evidence.ToString(), "aa11"));
        entries[1].What.Should().Be("The containment run preserved evidence item 01900000 from shop-1: 1 file (wp_users), one consistent snapshot of " +
                                    "10.11.6-MariaDB, collected for sam@shop.test.");
        entries[2].What.Should().Be("audrey@shop.test downloaded wp_users.sql.gz of evidence item 01900000 after its hash was checked against the recorded one.");
        entries[2].Evidence.Should().Equal(new EvidenceReference("wp_users.sql.gz", Evidence.ToString(), "aa11"));
    }

    [Fact]
    public void an_export_of_the_report_is_an_entry_naming_the_reader_and_their_role()
    {
        var history = Detection()
            .On(IncidentStreams.AccessLog(Id), "access-log", Audrey, Detected.AddDays(1), new AuditReportExported(Id, "pdf", Detected.AddHours(12), 1, ["auditor"], "cafe"));

        var entry = AuditTimeline.Entries(history.Record, history.History)[1];

        entry.What.Should().Be("audrey@shop.test (auditor) exported the audit report as PDF, showing the incident as of 2026-03-02 20:00 UTC (version 1).");
        entry.Evidence.Should().Equal(new EvidenceReference("exported file", null, "cafe"));
        entry.StatusChange.Should().BeNull("reading the record changes nothing about the incident");
    }

    [Theory]
    [InlineData("user:sam@shop.test", "person", "sam@shop.test")]
    [InlineData("api-key:cmk_ab12cd34 (SIEM)", "api-key", "API key cmk_ab12cd34 (SIEM)")]
    [InlineData("system:deadline-escalation", "system", "The deadline watch")]
    [InlineData("system:something-new", "system", "The service (something-new)")]
    [InlineData(null, "unrecorded", "Someone (no actor recorded)")]
    public void actors_are_named_as_people_keys_or_the_service(string? recorded, string kind, string name)
    {
        var actor = Actor.Of(recorded);

        actor.Kind.Should().Be(kind);
        actor.Name.Should().Be(name);
        actor.Id.Should().Be(recorded ?? "");
    }

    // An instance with every optional value missing and every list empty: the least an event can carry.
    private static object Sparse(Type type)
    {
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!;
        return constructor.Invoke([.. constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : Value(p))]);
    }

    private static object? Value(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (Nullable.GetUnderlyingType(type) is not null || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable)
        {
            return null;
        }

        return type switch
        {
            _ when type == typeof(string) => "x",
            _ when type == typeof(Guid) => Guid.Empty,
            _ when type == typeof(DateTimeOffset) => Detected,
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => Array.CreateInstance(type.GetGenericArguments()[0], 0),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) =>
                Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments())),
            _ => Sparse(type),
        };
    }
}
