using CaseManagement.Scoping;
using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>What a campaign's template sees for one person.</summary>
public static class CampaignNotices
{
    public static TemplateModel Model(Campaign campaign, AffectedPersonRecord person, string? name, string address) =>
        Model(campaign.Content, new RecipientFields(name, campaign.Channel == NotificationChannelNames.Email ? address : null,
            campaign.Channel == NotificationChannelNames.Sms ? address : null, person.Jurisdiction, person.DataCategories));

    public static TemplateModel Model(NoticeContent c, RecipientFields recipient) => new(
        recipient,
        new IncidentFields(c.Reference, c.Title, c.WhatHappened, c.BreachStartedAt, c.BreachEndedAt, c.DiscoveredAt, recipient.DataCategories,
            c.LikelyConsequences, c.WhatWeAreDoing, c.WhatYouCanDo),
        new OrganisationFields(c.OrganisationName, c.ContactEmail, c.ContactPhone, c.Website, null, c.DpoContact));
}

/// <summary>The channels a campaign can use, as the API names them.</summary>
public static class NotificationChannelNames
{
    public const string Email = "email";
    public const string Sms = "sms";

    public static readonly IReadOnlyList<string> All = [Email, Sms];
}
