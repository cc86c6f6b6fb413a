using System.Globalization;
using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Awareness;
using CaseManagement.Incidents.Closing;
using CaseManagement.Incidents.Containing;
using CaseManagement.Incidents.Merging;
using CaseManagement.Incidents.Notifying;
using CaseManagement.Incidents.Triage;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Web.Pages.Incidents;

public enum ActionFieldKind
{
    Text,
    LongText,
    Choice,
    Choices,

    /// <summary>A <c>datetime-local</c> field typed in UTC (the label says so); the server reads it as UTC, never in a guessed zone.</summary>
    UtcInstant,

    /// <summary>Rows of residence and count, named as the API's <c>counts[i].residence</c> and <c>counts[i].count</c>.</summary>
    Counts,
}

/// <param name="Name">The command's JSON field name, so the API's 422 errors for it land beside it.</param>
/// <param name="Defaults">What the field shows before the person types: the fact as it stands.</param>
public sealed record ActionField(string Name, string Label, ActionFieldKind Kind, IReadOnlyList<(string Value, string Label)>? Choices = null,
    IReadOnlyList<string>? Defaults = null, string? Hint = null, bool Optional = false);

/// <summary>
/// One decision the incident page offers: the lifecycle action the API's gate checks, the slice that takes it (by its OperationId,
/// whose policy decides whether the person is offered the form), the form's fields and the slice's own command built from them.
/// </summary>
public sealed record IncidentActionForm(string Id, string Heading, string Button, IncidentAction Action, string OperationId,
    IReadOnlyList<ActionField> Fields, Func<ActionInput, object> Command, string? Note = null);

/// <summary>The decisions of the incident page, grouped as the page shows them.</summary>
public static class IncidentActions
{
    public const string Triage = "triage";
    public const string Facts = "facts";
    public const string Phase = "phase";

    private static readonly IReadOnlyList<(string, string)> Answers = [("", "not answered"), ("true", "yes"), ("false", "no")];

    public static IReadOnlyList<(string Group, IncidentActionForm Form)> For(Incident incident, FactsState facts)
    {
        var reason = new ActionField("reason", "Reason", ActionFieldKind.LongText);
        return
        [
            (Triage, new("severity", "Classify severity", "Classify severity", IncidentAction.ClassifySeverity, nameof(ClassifySeverity),
                [
                    new("severity", "Severity", ActionFieldKind.Choice, Wires<Severity>(),
                        incident.Severity is { } severity ? [ApiJson.WireName(severity)] : null),
                    reason,
                ],
                i => new ClassifySeverity(i.One("severity"), i.One("reason"), i.ExpectedVersion))),
            (Triage, new("assign", "Assign a responder", "Assign", IncidentAction.AssignResponder, nameof(AssignResponder),
                [
                    new("responder", "Responder (their sign-in name, e.g. an e-mail address)", ActionFieldKind.Text),
                    new("role", "Their role in this incident", ActionFieldKind.Text, Optional: true),
                ],
                i => new AssignResponder(i.One("responder"), i.One("role"), i.ExpectedVersion))),
            (Triage, new("shop", "Correct the shop", "Correct the shop", IncidentAction.CorrectShop, nameof(CorrectShop),
                [new("shop", "Registered shop", ActionFieldKind.Text), reason],
                i => new CorrectShop(i.One("shop"), i.One("reason"), i.ExpectedVersion))),
            (Triage, new("note", "Add a note", "Add the note", IncidentAction.AddNote, nameof(AddNote),
                [new("text", "Note", ActionFieldKind.LongText)],
                i => new AddNote(i.One("text"), i.ExpectedVersion))),

            (Facts, new("awareness", "Record awareness", "Record awareness", IncidentAction.RecordAwareness, nameof(RecordAwareness),
                [new("awareAt", "Aware since (UTC)", ActionFieldKind.UtcInstant), reason],
                i => new RecordAwareness(i.Instant("awareAt"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("awareness-correction", "Correct awareness", "Correct awareness", IncidentAction.CorrectAwareness, nameof(CorrectAwareness),
                [new("awareAt", "Aware since (UTC)", ActionFieldKind.UtcInstant, Defaults: incident.AwareAt is { } aware ? [UtcField.Text(aware)] : null), reason],
                i => new CorrectAwareness(i.Instant("awareAt"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("breach-start", "Record or restate when the breach began", "Record the breach start", IncidentAction.RecordBreachStart,
                nameof(RecordBreachStart),
                [
                    new("startedAt", "Breach began at (UTC; not after the detection)", ActionFieldKind.UtcInstant,
                        Defaults: incident.BreachStartedAt is { } began ? [UtcField.Text(began)] : null),
                    new("basis", "Evidence it began then", ActionFieldKind.LongText),
                ],
                i => new RecordBreachStart(i.Instant("startedAt"), i.One("basis"), i.ExpectedVersion),
                "On the earliest evidence (a skimmer file's first appearance, the attacker's first request); time to detect runs from here. " +
                "A later statement replaces this one, and the record keeps both.")),
            (Facts, new("clock", "Record or correct a clock", "Record the clock", IncidentAction.RecordClockInstant, nameof(RecordClockInstant),
                [
                    new("clock", "Clock", ActionFieldKind.Choice, [.. RecordClockInstantEndpoint.Recordable.Select(ApiJson.WireName).Select(w => (w, Words.Of(w)))]),
                    new("at", "Started at (UTC)", ActionFieldKind.UtcInstant),
                    new("reason", "Reason (required when correcting)", ActionFieldKind.LongText, Optional: true),
                ],
                i => new RecordClockInstant(i.One("clock"), i.Instant("at"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("categories", "Record data categories", "Record data categories", IncidentAction.RecordDataCategories, nameof(RecordDataCategories),
                [
                    new("categories", "Kinds of personal data involved (none ticked: no personal data)", ActionFieldKind.Choices,
                        [.. Vocabulary.DataCategories.Select(c => (c, Words.Of(c)))], [.. facts.Categories]),
                    reason with { Optional = true },
                ],
                i => new RecordDataCategories(i.All("categories"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("encryption", "Record encryption", "Record encryption", IncidentAction.RecordEncryptionStatus, nameof(RecordEncryptionStatus),
                [new("status", "Encryption status", ActionFieldKind.Choice, Wires<EncryptionStatus>(), [ApiJson.WireName(facts.Encryption)]), reason],
                i => new RecordEncryptionStatus(i.One("status"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("counts", "Record people affected by residence", "Record the counts", IncidentAction.RecordAffectedCounts, nameof(RecordAffectedCounts),
                [
                    new("counts", "People affected", ActionFieldKind.Counts,
                        Defaults: [.. facts.Affected.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.ToString(CultureInfo.InvariantCulture)}")],
                        Hint: "Residence as ISO 3166 code (DE, FR) or subdivision (US-CA); the new set replaces the recorded one"),
                    new("basis", "Basis of the count", ActionFieldKind.LongText),
                ],
                i => new RecordAffectedCounts(i.Counts(), i.One("basis"), i.ExpectedVersion))),
            (Facts, new("flags", "Record sector flags", "Record sector flags", IncidentAction.RecordSectorFlags, nameof(RecordSectorFlags),
                [
                    new("flags", "Sector regimes that apply (none ticked: none apply)", ActionFieldKind.Choices,
                        [.. SectorFlag.UsedBy(IncidentCatalogue.Of(incident)).Select(f => (f, Words.Of(f)))], [.. facts.Flags]),
                    reason with { Optional = true },
                ],
                i => new RecordSectorFlags(i.All("flags"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("risk", "Assess the risk", "Record the assessment", IncidentAction.AssessRisk, nameof(AssessRisk),
                [
                    new("riskToIndividuals", "A risk to individuals", ActionFieldKind.Choice, Answers),
                    new("highRisk", "A high risk", ActionFieldKind.Choice, Answers),
                    new("significantHarm", "A real risk of significant harm", ActionFieldKind.Choice, Answers),
                    new("reasoning", "Reasoning", ActionFieldKind.LongText),
                ],
                i => new AssessRisk(i.Answer("riskToIndividuals"), i.Answer("highRisk"), i.Answer("significantHarm"), i.One("reasoning"), i.ExpectedVersion))),
            (Facts, new("delay", "Record a law-enforcement delay", "Record the delay", IncidentAction.RequestLawEnforcementDelay, nameof(RequestLawEnforcementDelay),
                [
                    new("agency", "Agency that asked", ActionFieldKind.Text),
                    new("requestedAt", "Asked at (UTC)", ActionFieldKind.UtcInstant),
                    reason,
                ],
                i => new RequestLawEnforcementDelay(i.One("agency"), i.Instant("requestedAt"), i.One("reason"), i.ExpectedVersion))),
            (Facts, new("delay-lift", "Lift the law-enforcement delay", "Lift the delay", IncidentAction.LiftLawEnforcementDelay, nameof(LiftLawEnforcementDelay),
                [new("liftedAt", "Lifted at (UTC)", ActionFieldKind.UtcInstant), reason],
                i => new LiftLawEnforcementDelay(i.Instant("liftedAt"), i.One("reason"), i.ExpectedVersion))),

            (Phase, new("contain", "Record containment", "Record containment", IncidentAction.Contain, nameof(ContainIncident),
                [
                    new("containedAt", "Contained at (UTC; empty: now)", ActionFieldKind.UtcInstant, Optional: true),
                    new("summary", "What was done", ActionFieldKind.LongText),
                ],
                i => new ContainIncident(i.Instant("containedAt"), i.One("summary"), i.ExpectedVersion),
                "Containment done outside the service; to run a playbook against the shop, use the Containment page.")),
            (Phase, new("no-notification", "Decide that no notification is owed", "Record the decision", IncidentAction.DecideNoNotification,
                nameof(DecideNoNotification),
                [reason],
                i => new DecideNoNotification(i.One("reason"), i.ExpectedVersion))),
            (Phase, new("notified", "Record notifications sent", "Record notifications", IncidentAction.Notify, nameof(RecordNotification),
                [
                    new("notifiedAt", "Sent at (UTC; empty: now)", ActionFieldKind.UtcInstant, Optional: true),
                    new("recipients", "Who was told", ActionFieldKind.Choices, [.. Vocabulary.Recipients.Select(r => (r, Words.Of(r)))]),
                    new("summary", "Summary", ActionFieldKind.LongText),
                ],
                i => new RecordNotification(i.Instant("notifiedAt"), i.All("recipients"), i.One("summary"), i.ExpectedVersion),
                "Notices sent outside the service; to send a campaign, use the Notification page.")),
            (Phase, new("false-positive", "Mark a false positive", "Mark false positive", IncidentAction.MarkFalsePositive, nameof(MarkFalsePositive),
                [reason],
                i => new MarkFalsePositive(i.One("reason"), i.ExpectedVersion))),
            (Phase, new("duplicate", "Mark as a duplicate of another incident", "Mark as duplicate", IncidentAction.MarkDuplicate, nameof(MarkDuplicate),
                [
                    new("duplicateOf", "The incident this one duplicates (its id, as in its address /incidents/…)", ActionFieldKind.Text),
                    reason,
                ],
                i => new MarkDuplicate(i.Id("duplicateOf"), i.One("reason"), i.ExpectedVersion),
                "This incident is closed as the other's duplicate; the other keeps both histories and the earliest clocks.")),
            (Phase, new("close", "Close the incident", "Close", IncidentAction.Close, nameof(CloseIncident),
                [new("summary", "Closing summary", ActionFieldKind.LongText)],
                i => new CloseIncident(i.One("summary"), i.ExpectedVersion))),
            (Phase, new("reopen", "Reopen the incident", "Reopen", IncidentAction.Reopen, nameof(ReopenIncident),
                [reason],
                i => new ReopenIncident(i.One("reason"), i.ExpectedVersion))),
        ];
    }

    private static IReadOnlyList<(string, string)> Wires<TEnum>() where TEnum : struct, Enum =>
        [.. ApiJson.WireNames<TEnum>().Select(w => (w, Words.Of(w)))];
}

/// <summary>What a person typed into one of the incident page's forms, read as the command's fields.</summary>
public sealed class ActionInput(IFormCollection form)
{
    public long? ExpectedVersion => long.TryParse(form["expectedVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    public string? IdempotencyKey => One("idempotencyKey");

    /// <summary>Fields the page refuses before asking the API: a count that is not a whole number cannot become the command.</summary>
    public Dictionary<string, string[]> Unreadable { get; } = new(StringComparer.Ordinal);

    public string? One(string name) => form[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public IReadOnlyList<string> All(string name) => [.. form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)];

    public DateTimeOffset? Instant(string name) => UtcField.Read(One(name));

    /// <summary>An id typed or pasted; text that is no id is noted in <see cref="Unreadable"/> rather than sent as a missing one.</summary>
    public Guid? Id(string name)
    {
        if (One(name)?.Trim() is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        Unreadable[name] = [$"'{text}' is not an incident id; copy it from the other incident's address, e.g. 0190f3a2-5b7c-7d41-9e0a-3c2b1a0f9e8d"];
        return null;
    }

    public bool? Answer(string name) => One(name) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>The filled rows of the counts table; a row with a count that is no whole number is noted in <see cref="Unreadable"/>.</summary>
    public IReadOnlyList<AffectedCount> Counts()
    {
        var counts = new List<AffectedCount>();
        for (var row = 0; form.ContainsKey($"counts[{row}].residence"); row++)
        {
            var residence = One($"counts[{row}].residence")?.Trim();
            var count = One($"counts[{row}].count")?.Trim();
            if (residence is null && count is null)
            {
                continue;
            }

            if (!long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var people))
            {
                Unreadable[$"counts[{counts.Count}].count"] = ["must be a whole number of people"];
            }

            counts.Add(new AffectedCount(residence!, people));
        }

        return counts;
    }
}

/// <summary>
/// Instants typed into <c>datetime-local</c> fields, which carry no zone: the label says UTC and the server reads UTC, so it
/// never guesses the viewer's zone (ADR 27). A value the browser could not have sent reads as missing.
/// </summary>
public static class UtcField
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static DateTimeOffset? Read(string? text) =>
        DateTimeOffset.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What the form partial needs: the page (values, errors), the form, and the version the page shows.</summary>
public sealed record ActionFormView(IncidentPageModel Page, IncidentActionForm Form, long Version);
