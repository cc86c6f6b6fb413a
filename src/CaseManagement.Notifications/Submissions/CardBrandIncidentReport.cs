namespace CaseManagement.Notifications.Submissions;

/// <summary>What the card-brand report needs beyond the incident's record; every field is optional and a gap when missing.</summary>
/// <param name="SuspectedAt">When the compromise was first suspected (Visa's clock); awareness is taken from the record (Mastercard's).</param>
/// <param name="AccountsAtRisk">Card accounts (numbers) that may be compromised: not the same as people affected.</param>
/// <param name="CardBrands">Which brands' cards were involved ("Visa", "Mastercard").</param>
/// <param name="Acquirer">The merchant's acquiring bank, which reports on to the brands.</param>
/// <param name="EvidencePreservation">How logs and affected systems are kept for forensics.</param>
/// <param name="ForensicInvestigator">The PCI Forensic Investigator engaged, if any.</param>
public sealed record CardIncidentFacts(
    DateTimeOffset? SuspectedAt = null,
    long? AccountsAtRisk = null,
    IReadOnlyList<string>? CardBrands = null,
    string? Acquirer = null,
    string? EvidencePreservation = null,
    string? ForensicInvestigator = null);

/// <summary>
/// The merchant's report of a suspected or confirmed card-data compromise to its acquirer, for the card brands (rules
/// pci-visa-immediate-notice, pci-visa-incident-report, pci-mastercard-adc-report, pci-visa-account-numbers). Its items
/// follow the research reference: Visa's "What To Do If Compromised" guide (contain, preserve evidence, do not power
/// systems off; the acquirer and Visa decide on a PCI Forensic Investigator) and Mastercard's Account Data Compromise
/// guide (a written statement of the known facts and the account numbers at risk). Card-scheme duties are contractual
/// and the guides' current editions were not read; the acquirer's own form prevails. Account numbers are never put in
/// the report: they go through the acquirer's secure channel.
/// </summary>
public static class CardBrandIncidentReport
{
    public const string Kind = "pci-card-brand-report";

    public static SubmissionDocument Generate(SubmissionFacts facts, CardIncidentFacts card)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(card);
        var incident = facts.Incident;
        var organisation = facts.Organisation;
        var writer = new SubmissionWriter();
        var brands = card.CardBrands ?? [];

        writer.Section("To",
            $"Acquirer: {writer.Known(card.Acquirer, "the merchant's acquiring bank")}",
            $"For the card brands: {writer.Known(brands, "which card brands' cards were involved")}",
            "The merchant reports through its acquirer, which informs the brands (Visa; Mastercard's account data compromise process).");

        writer.Section("Merchant",
            organisation.Name,
            SubmissionWriter.Optional("Website", organisation.Website),
            $"Contact: {writer.Known(organisation.ContactEmail, "a contact email")}",
            SubmissionWriter.Optional("Phone", organisation.ContactPhone),
            $"Incident reference: {incident.Reference}");

        writer.Section("Timeline",
        [
            $"Compromise suspected: {writer.Known(card.SuspectedAt, "when the compromise was first suspected")}",
            $"Merchant became aware: {SubmissionWriter.Instant(facts.AwareAt)}",
            .. writer.Timeline(incident, facts.ContainedAt),
        ]);

        writer.Section("Statement of known facts", writer.Known(incident.WhatHappened, "a written statement of the known facts"));

        writer.Section("Cardholder data involved",
            $"Data elements: {writer.Known(incident.DataCategories, "the cardholder data elements involved")}",
            $"Card accounts at risk: {writer.Known(card.AccountsAtRisk, "the number of card accounts at risk")}",
            "The account numbers are not in this report: they go to the brands through the acquirer's secure channel, "
            + "for Visa within 10 business days (pci-visa-account-numbers).");

        writer.Section("Containment and evidence",
            facts.ContainedAt is { } contained ? $"Contained: {SubmissionWriter.Instant(contained)}" : "Not yet recorded as contained.",
            $"Evidence: {writer.Known(card.EvidencePreservation, "how logs and affected systems are preserved (they must not be powered off or wiped)")}",
            card.ForensicInvestigator is { } pfi
                ? $"PCI Forensic Investigator: {pfi}"
                : "No PCI Forensic Investigator engaged yet; the acquirer and the brands decide whether one is required.");

        writer.Section("Measures taken", writer.Known(incident.WhatWeAreDoing, "the measures taken or planned"));

        writer.Section("Deadlines this report answers",
            "Visa: tell the acquirer immediately on suspicion; an initial incident report within 3 business days (sources differ: some say 4; "
            + "confirm with the acquirer).",
            "Mastercard: the acquirer reports within 24 hours of becoming aware, so the merchant alerts it at once (2016 guide; current edition not read).");

        return writer.Finish(Kind, $"Report of a suspected card-data compromise to the acquirer and card brands: {organisation.Name}, {incident.Reference}");
    }
}
