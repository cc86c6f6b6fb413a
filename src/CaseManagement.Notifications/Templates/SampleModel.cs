namespace CaseManagement.Notifications.Templates;

/// <summary>
/// A realistic, entirely fictional recipient and incident for previews and for test-rendering templates before
/// approval. Every value is filled in, so a preview shows every part of a template.
/// </summary>
public static class SampleModel
{
    public static IncidentFields Incident { get; } = new(
        Reference: "INC-2026-0042",
        Title: "Card skimming script on the checkout page",
        WhatHappened: "On 9 March 2026 we found that an unauthorised script had been added to the checkout page of our online shop. "
            + "While it was there, it copied the details that customers typed into the payment form and sent them to a server run by the attacker.",
        BreachStartedAt: new DateTimeOffset(2026, 3, 2, 8, 15, 0, TimeSpan.Zero),
        BreachEndedAt: new DateTimeOffset(2026, 3, 9, 17, 40, 0, TimeSpan.Zero),
        DiscoveredAt: new DateTimeOffset(2026, 3, 9, 15, 5, 0, TimeSpan.Zero),
        DataCategories: ["Name", "Billing address", "Email address", "Payment card number, expiry date and security code"],
        LikelyConsequences: "Someone could use your card details to make purchases in your name, or use your name and email address "
            + "to send you convincing fraudulent messages.",
        WhatWeAreDoing: "We removed the script the same day, replaced the affected servers, reset all administrator passwords and "
            + "reported the incident to our payment processor, the card schemes and the police.",
        WhatYouCanDo: "Check your card statements and tell your bank about any payment you do not recognise; ask your bank for a new card. "
            + "Be careful with emails or calls that mention your order and never give out your card security code.");

    public static OrganisationFields Organisation { get; } = new(
        Name: "Lakeside Outdoor Supply",
        ContactEmail: "privacy@lakeside-outdoor.example",
        ContactPhone: "+1 800 555 0199",
        Website: "https://lakeside-outdoor.example",
        PostalAddress: "Lakeside Outdoor Supply, 100 Harbour Road, Springfield",
        DpoContact: "Dana Whitfield, Data Protection Officer, dpo@lakeside-outdoor.example");

    /// <summary>The sample model with a fictional recipient living in <paramref name="jurisdiction"/>.</summary>
    public static TemplateModel For(string jurisdiction) => new(
        new RecipientFields("Jordan Miller", "jordan.miller@mail.example", "+1 555 0100", jurisdiction, Incident.DataCategories),
        Incident,
        Organisation);

    /// <summary>A placeholder recipient with no personal information, for sample notices sent to regulators.</summary>
    public static RecipientFields AnonymousRecipient(string jurisdiction, IReadOnlyList<string> dataCategories) =>
        new("[Recipient name]", Email: null, Phone: null, jurisdiction, dataCategories);
}
