using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// A lead's recorded reason why the generic content of a catch-all notice suffices for one jurisdiction's residents.
/// The service records it as an event and shows it in reports; this is its shape as the decision reads it.
/// </summary>
public sealed record GenericContentJustification(string Jurisdiction, string Justification, string RecordedBy, DateTimeOffset RecordedAt);

public enum SufficiencyBasis
{
    /// <summary>The template was approved against the requirements the resident's jurisdiction has.</summary>
    ApprovedForJurisdiction,
    /// <summary>A catch-all template, with a lead's recorded justification for the resident's jurisdiction.</summary>
    Justified,
    /// <summary>The template was approved against another jurisdiction's requirements.</summary>
    ApprovedForAnother,
    /// <summary>Nothing is encoded for the resident's jurisdiction and no justification is recorded.</summary>
    NothingEncoded,
    /// <summary>The notice would do, but it did not reach every resident in the audience: some deliveries failed or were left out.</summary>
    NotEveryoneReached,
}

/// <summary>Whether a notice satisfies the notice duties towards residents of one jurisdiction, and why.</summary>
public sealed record NoticeSufficiencyVerdict(string Residence, bool Satisfies, SufficiencyBasis Basis, string Reason);

/// <summary>
/// Whether a notice that reached a resident of R counts for R's duties to tell individuals: only when its template was
/// approved against R's content requirements (the same legal basis: any EEA code for the GDPR), or when it is a
/// catch-all template approved against the generic requirements and a lead recorded, for R, why the generic content
/// suffices there. Pure; the campaign records the outcome.
/// </summary>
public static class NoticeSufficiency
{
    /// <param name="residence">The resident's code: "US-MD", "DE", "CA-QC", "US" (no recorded state).</param>
    /// <param name="templateJurisdiction">The jurisdiction the template was approved for ("US-TX", "EU", "*").</param>
    public static NoticeSufficiencyVerdict Decide(string residence, string templateJurisdiction, IEnumerable<GenericContentJustification> justifications)
    {
        ArgumentNullException.ThrowIfNull(residence);
        ArgumentNullException.ThrowIfNull(templateJurisdiction);
        var code = residence.Trim().ToUpperInvariant();
        if (ContentRequirements.For(templateJurisdiction) is not { } approved)
            return new(code, false, SufficiencyBasis.ApprovedForAnother,
                $"the template is for '{templateJurisdiction}', which has no encoded requirements, so it was never checked for anyone");

        var own = ContentRequirements.Lookup(code);
        if (own is RequirementLookup.Encoded { Requirements: var same } && same.Basis == approved.Basis)
            return new(code, true, SufficiencyBasis.ApprovedForJurisdiction, $"the template was approved against the {same.Notice} requirements");

        var justified = justifications
            .Where(j => string.Equals(j.Jurisdiction.Trim(), code, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(j.Justification))
            .MaxBy(j => j.RecordedAt);
        if (approved.Basis == ContentRequirements.Generic.Basis && justified is not null)
            return new(code, true, SufficiencyBasis.Justified,
                $"catch-all content, justified for {code} by {justified.RecordedBy} at {justified.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {justified.Justification.Trim()}");

        return own switch
        {
            RequirementLookup.Encoded { Requirements: var needed } => new(code, false, SufficiencyBasis.ApprovedForAnother,
                $"the template was approved against the {approved.Notice} requirements, not the {needed.Notice} requirements"
                + (approved.Basis == ContentRequirements.Generic.Basis ? $", and no justification that the generic content suffices for {code} is recorded" : "")),
            RequirementLookup.NotEncoded notEncoded => new(code, false, SufficiencyBasis.NothingEncoded, notEncoded.Reason),
            _ => throw new InvalidOperationException($"unknown requirement lookup {own.GetType().Name}"),
        };
    }
}

/// <summary>A duty to tell individuals that a campaign reached residents for, but that its notice did not satisfy.</summary>
public sealed record UncreditedNotice(string RuleId, IReadOnlyList<NoticeSufficiencyVerdict> Unsatisfied);

/// <summary>What a completed campaign did for the duties to tell individuals: the acts to record, and the duties it could not meet with reasons.</summary>
public sealed record CampaignNoticeCredit(IReadOnlyList<RecipientNotice> Told, IReadOnlyList<UncreditedNotice> NotCounted);

/// <summary>How a campaign's audience of one residence fared.</summary>
/// <param name="TemplateJurisdiction">The jurisdiction the template these residents received was approved for ("US-TX", "EU", "*").</param>
/// <param name="Sent">Notices the channel accepted.</param>
/// <param name="Failed">Notices that did not go out (no address, refused, gave up): those people were not told.</param>
/// <param name="Suppressed">People left out as already notified by an earlier campaign of the incident.</param>
public sealed record ReachedResidence(string TemplateJurisdiction, long Sent, long Failed = 0, long Suppressed = 0);

/// <summary>
/// Turns a completed campaign into per-recipient acts for the incident: for each duty to tell individuals that applies
/// or may apply and whose individuals are not told yet, the campaign tells them when every residence the duty concerns
/// that has affected people (recorded in the facts, or in the campaign's audience) was reached in full: its notice was
/// approved (or justified) for them (<see cref="NoticeSufficiency"/>), and it was sent to as many as the facts record, none
/// failing (a failed delivery is a person not told) and none left out as notified before (this notice did not tell them).
/// It never tells anyone else: attorneys general, regulators and the rest need their own act. People of unknown
/// residence satisfy no duty.
/// </summary>
public static class IndividualNoticeCredit
{
    /// <param name="reached">Per residence in the campaign's audience, the template its people received and how the deliveries went.</param>
    /// <param name="affected">The affected people per residence as the incident's facts record them.</param>
    public static CampaignNoticeCredit Credit(Evaluation evaluation, IReadOnlyDictionary<string, ReachedResidence> reached,
        IReadOnlyDictionary<string, long> affected, IEnumerable<GenericContentJustification> justifications, DateTimeOffset at, string reference)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(reached);
        ArgumentNullException.ThrowIfNull(affected);
        var justified = justifications.ToList();
        var residences = reached.Keys.Union(affected.Where(a => a.Value > 0).Select(a => a.Key)).Order(StringComparer.Ordinal).ToList();
        var told = new List<RecipientNotice>();
        var notCounted = new List<UncreditedNotice>();
        var owing = evaluation.Obligations.Where(o => o.Applicability != Applicability.NotApplicable && o.Owed.Contains(Recipient.Individuals));
        foreach (var duty in owing)
        {
            var concerned = residences.Where(r => RuleJurisdictions.Concerns(duty.Jurisdiction, r)).ToList();
            // A campaign that reached none of the duty's residents says nothing about it.
            if (!concerned.Any(reached.ContainsKey))
                continue;
            var verdicts = concerned.Select(r => Verdict(r, reached.GetValueOrDefault(r), affected.GetValueOrDefault(r), justified)).ToList();
            if (verdicts.All(v => v.Satisfies))
                told.Add(new RecipientNotice(duty.RuleId, Recipient.Individuals, at, NoticeAct.Campaign, reference));
            else
                notCounted.Add(new UncreditedNotice(duty.RuleId, [.. verdicts.Where(v => !v.Satisfies)]));
        }
        return new CampaignNoticeCredit(told, notCounted);
    }

    // The template decides first: a notice nobody checked for the residence counts for no one there, delivered or not.
    private static NoticeSufficiencyVerdict Verdict(string residence, ReachedResidence? audience, long affected, List<GenericContentJustification> justified)
    {
        if (audience is null)
            return new NoticeSufficiencyVerdict(residence, false, SufficiencyBasis.NotEveryoneReached,
                $"the facts record {affected:N0} affected residents of {residence}, and the campaign reached none of them");
        var content = NoticeSufficiency.Decide(residence, audience.TemplateJurisdiction, justified);
        var missed = new List<string>();
        if (audience.Failed > 0)
            missed.Add($"{audience.Failed:N0} notice(s) to them failed, so those people are still owed one");
        if (audience.Suppressed > 0)
            missed.Add($"{audience.Suppressed:N0} were left out as already notified by an earlier campaign, which did not meet this duty; "
                + "renotify them, or record the duty as met if that notice did reach them");
        if (audience.Failed == 0 && audience.Suppressed == 0 && audience.Sent < Math.Max(affected, 1))
            missed.Add(audience.Sent == 0 ? "no notice to them was sent"
                : $"the facts record {affected:N0} affected residents and the campaign sent to {audience.Sent:N0}");
        if (!content.Satisfies || missed.Count == 0)
            return content;
        return content with { Satisfies = false, Basis = SufficiencyBasis.NotEveryoneReached, Reason = $"{content.Reason}, but {string.Join("; ", missed)}" };
    }
}
