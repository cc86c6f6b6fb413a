using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>The kind of recorded act that told a recipient.</summary>
public enum NoticeAct
{
    /// <summary>A notification campaign to individuals, counted for the residents its notice could satisfy.</summary>
    Campaign,
    /// <summary>A submission to a regulator, attorney general, police, card brand, acquirer, credit bureau or outlet.</summary>
    Submission,
    /// <summary>A person recorded that the recipient was told some other way (letter, portal, phone).</summary>
    ManualRecord,
    /// <summary>
    /// A satisfaction recorded before acts named their recipients, counted only for a rule that names exactly one
    /// recipient: that recipient is the only one it can have meant.
    /// </summary>
    EarlierRecord,
}

/// <summary>One recorded act that told one recipient a rule names (<see cref="IncidentFacts.Notices"/>).</summary>
/// <param name="Reference">What identifies the act: the campaign id, the regulator's reference, who recorded it.</param>
public sealed record RecipientNotice(string RuleId, Recipient Recipient, DateTimeOffset At, NoticeAct Act, string Reference);

/// <summary>A recipient of a rule that has been told, by its earliest act.</summary>
/// <param name="Reference">Null only for an <see cref="NoticeAct.EarlierRecord"/>, whose reference the facts do not carry.</param>
/// <param name="Timing">Met on time, late, or met with no instant to judge against, for this recipient alone.</param>
public sealed record RecipientTold(Recipient Recipient, DateTimeOffset At, NoticeAct Act, string? Reference, ObligationStatus Timing);

/// <summary>
/// Who of a rule's recipients has been told, and when the rule as a whole was met. Satisfactions recorded without
/// recipients (<see cref="IncidentFacts.Satisfied"/>, written before acts named them) are read conservatively: they
/// count for the rule's only recipient, meet a rule that names nobody, and tell no one of a rule that names several;
/// the evaluation shows them as unattributed so a lead can record whom they told.
/// </summary>
internal sealed record RuleSatisfaction(
    IReadOnlyList<(Recipient Recipient, DateTimeOffset At, NoticeAct Act, string? Reference)> Told,
    IReadOnlyList<Recipient> Owed,
    DateTimeOffset? MetAt,
    DateTimeOffset? Unattributed)
{
    public static RuleSatisfaction Of(ObligationRule rule, IncidentFacts facts)
    {
        DateTimeOffset? earlier = facts.Satisfied.TryGetValue(rule.Id, out var at) ? at.ToUniversalTime() : null;
        if (rule.Recipients.Count == 0)
            return new RuleSatisfaction([], [], earlier, null);

        var acts = facts.Notices
            .Where(n => n.RuleId == rule.Id && rule.Recipients.Contains(n.Recipient))
            .Select(n => (n.Recipient, At: n.At.ToUniversalTime(), n.Act, Reference: (string?)n.Reference));
        if (earlier is { } single && rule.Recipients.Count == 1)
            acts = acts.Append((rule.Recipients[0], single, NoticeAct.EarlierRecord, null));
        var told = acts
            .GroupBy(a => a.Recipient)
            .Select(g => g.OrderBy(a => a.At).First())
            .OrderBy(a => rule.Recipients.ToList().IndexOf(a.Recipient))
            .ToList();

        var unattributed = rule.Recipients.Count > 1 ? earlier : null;
        if (rule.RecipientsNeeded == RecipientsNeeded.AnyOne)
            return told.Count > 0
                ? new RuleSatisfaction(told, [], told.Min(t => t.At), unattributed)
                : new RuleSatisfaction(told, rule.Recipients, null, unattributed);

        var owed = rule.Recipients.Where(r => told.All(t => t.Recipient != r)).ToList();
        return new RuleSatisfaction(told, owed, owed.Count == 0 ? told.Max(t => t.At) : null, unattributed);
    }

    /// <summary>
    /// When individuals were (or may have been) told under this rule, for clocks that run from that notice. Here an
    /// unattributed satisfaction counts: taking the notice as given makes the follow-on deadlines run, which is the
    /// cautious side for a deadline, while it never counts towards "met".
    /// </summary>
    public DateTimeOffset? IndividualsToldAt =>
        Told.Where(t => t.Recipient == Recipient.Individuals).Select(t => (DateTimeOffset?)t.At)
            .Append(Unattributed)
            .Min();
}
