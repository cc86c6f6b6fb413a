using CaseManagement.Notifications.Submissions;
using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Tests;

/// <summary>Templates, models and facts the specifications start from.</summary>
internal static class Given
{
    public static NotificationTemplate Email(string jurisdiction, string subject, string body) =>
        new("t-1", 1, NotificationChannel.Email, "en", jurisdiction, subject, body);

    public static NotificationTemplate Sms(string body) => new("t-sms", 1, NotificationChannel.Sms, "en", "US-TX", null, body);

    public static NotificationTemplate Example(string jurisdiction) =>
        ExampleTemplates.For(jurisdiction, NotificationChannel.Email, "en")
        ?? throw new InvalidOperationException($"no example template for {jurisdiction}");

    public static TemplateModel Model => SampleModel.For("US-CA");

    public static readonly DateTimeOffset AwareAt = new(2026, 3, 9, 16, 0, 0, TimeSpan.Zero);

    public static SubmissionFacts Facts(IReadOnlyDictionary<string, long>? affected = null) =>
        new(SampleModel.Incident, SampleModel.Organisation, AwareAt,
            ContainedAt: new DateTimeOffset(2026, 3, 9, 17, 40, 0, TimeSpan.Zero),
            AffectedByJurisdiction: affected ?? new Dictionary<string, long> { ["DE"] = 400, ["FR"] = 250, ["US-CA"] = 700 },
            RecordsAffected: 1_480,
            EncryptionStatus: "Card data was captured in the browser before encryption",
            RiskAssessment: "High: card data usable for fraud")
        {
            DataSubjectCategories = ["Customers"],
        };
}
