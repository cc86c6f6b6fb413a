using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Notifications.Submissions;

/// <summary>A submission to a regulator (or attorney general, police, card brand...) as the incident recorded it.</summary>
/// <param name="Recipients">Whom of the rule's recipients it told.</param>
public sealed record RecordedSubmission(
    string RuleId,
    string Kind,
    IReadOnlyList<Recipient> Recipients,
    DateTimeOffset SubmittedAt,
    string Channel,
    string? Reference,
    string? DocumentSha256);

public abstract record SubmissionDecision
{
    /// <summary>No submission like it is recorded: record it.</summary>
    public sealed record New : SubmissionDecision;

    /// <summary>The very same submission is recorded already (a client sending it again): record nothing, answer as before.</summary>
    public sealed record Replay(RecordedSubmission Earlier) : SubmissionDecision;

    /// <summary>A submission for the same obligation by the same channel with the same reference, saying something else: refuse it.</summary>
    public sealed record Conflict(RecordedSubmission Earlier, IReadOnlyList<string> Differences) : SubmissionDecision;
}

/// <summary>
/// Tells a new regulator submission from one posted twice (issue 14, item 8). Two submissions are the same act when they
/// are for the same obligation, by the same channel, with the same reference (ignoring case and surrounding spaces; two
/// without a reference are alike too, since nothing tells them apart). The same act posted again with the same details is a
/// replay; with other details (another instant, recipient, kind or document) it contradicts the record and is a conflict:
/// a correction or a second submission needs a reference of its own. Pure.
/// </summary>
public static class SubmissionDuplicates
{
    public static SubmissionDecision Decide(IEnumerable<RecordedSubmission> recorded, RecordedSubmission submitted)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(submitted);
        var earlier = recorded.FirstOrDefault(r => SameAct(r, submitted));
        if (earlier is null)
            return new SubmissionDecision.New();
        var differences = Differences(earlier, submitted);
        return differences.Count == 0 ? new SubmissionDecision.Replay(earlier) : new SubmissionDecision.Conflict(earlier, differences);
    }

    private static bool SameAct(RecordedSubmission a, RecordedSubmission b) =>
        a.RuleId == b.RuleId && Same(a.Channel, b.Channel) && Same(a.Reference ?? "", b.Reference ?? "");

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static List<string> Differences(RecordedSubmission earlier, RecordedSubmission submitted)
    {
        var differences = new List<string>();
        void Differ(string what, string recorded, string given) => differences.Add($"{what}: recorded {recorded}, this one {given}");
        if (earlier.SubmittedAt != submitted.SubmittedAt)
        {
            var (recorded, given) = (Instant(earlier.SubmittedAt), Instant(submitted.SubmittedAt));
            // Within one minute the usual wording shows the same instant twice: then the exact instants say what differs.
            if (recorded == given)
                (recorded, given) = (earlier.SubmittedAt.UtcDateTime.ToString("O"), submitted.SubmittedAt.UtcDateTime.ToString("O"));
            Differ("submitted at", recorded, given);
        }
        if (!earlier.Recipients.ToHashSet().SetEquals(submitted.Recipients))
            Differ("recipients", Recipients(earlier.Recipients), Recipients(submitted.Recipients));
        if (earlier.Kind != submitted.Kind)
            Differ("kind", earlier.Kind, submitted.Kind);
        if (!Same(earlier.DocumentSha256 ?? "", submitted.DocumentSha256 ?? ""))
            Differ("document SHA-256", earlier.DocumentSha256 ?? "none", submitted.DocumentSha256 ?? "none");
        return differences;
    }

    private static string Instant(DateTimeOffset at) => SubmissionWriter.Instant(at);

    private static string Recipients(IEnumerable<Recipient> recipients) => string.Join(" and ", recipients.Select(CatalogueWords.Of));
}
