using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// The notification of a personal data breach to the supervisory authority (rule eu-gdpr-art33-sa), counting the data
/// subjects who live in the EU/EEA: the authority's scope. See <see cref="Article33Report"/> for what it says and how.
/// </summary>
public static class GdprArticle33Report
{
    public const string Kind = "gdpr-art33-report";

    private static readonly Article33Regime Regime = new(Kind, "GDPR", "the supervisory authority", "EU/EEA",
        code => ResidenceCodes.EuropeanEconomicArea.Contains(ResidenceCodes.CountryOf(code.Trim().ToUpperInvariant())));

    /// <param name="now">When this notification is made; decides whether it is late.</param>
    /// <param name="delayReasons">Why it is made later than 72 hours after awareness; a gap when late and not given.</param>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the controller became aware.</exception>
    public static SubmissionDocument Generate(SubmissionFacts facts, DateTimeOffset now, string? delayReasons = null) =>
        Article33Report.Generate(Regime, facts, now, delayReasons);
}

/// <summary>
/// The report of a personal data breach to the UK Information Commissioner's Office under UK GDPR Art. 33 (rule
/// gb-ukgdpr-art33-ico; the reference gives its content "as EU Art. 33(3)"), counting data subjects who live in the UK.
/// </summary>
public static class UkIcoReport
{
    public const string Kind = "uk-ico-breach-report";

    private static readonly Article33Regime Regime = new(Kind, "UK GDPR", "the Information Commissioner's Office", "UK",
        code => ResidenceCodes.CountryOf(code.Trim().ToUpperInvariant()) == "GB");

    /// <inheritdoc cref="GdprArticle33Report.Generate"/>
    public static SubmissionDocument Generate(SubmissionFacts facts, DateTimeOffset now, string? delayReasons = null) =>
        Article33Report.Generate(Regime, facts, now, delayReasons);
}
