using CaseManagement.Readiness.Library;
using CaseManagement.Readiness.Policy;
using CaseManagement.Readiness.Reviews;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>The post-incident review, the readiness policy that makes it a condition of closing, and change proposals (ADR 24).</summary>
internal static class ReviewSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<ReviewStarted>((e, n) => new Told(
            $"{n.Subject} started the post-incident review; its timeline ({Count(e.Timeline.Count, "entry", "entries")}) and phase durations were generated " +
            $"from the record as of {Instant(e.AsOf)}."))
        .On<ReviewFindingsRecorded>((e, n) => new Told(
            $"{n.Subject} recorded the review's findings: root cause “{e.RootCause}”; {Count(e.ContributingFactors.Count, "contributing factor", "contributing factors")}, " +
            $"{Count(e.WentWell.Count, "thing", "things")} that went well, {Count(e.WentBadly.Count, "thing", "things")} that went badly.",
            Details: e.ContributingFactors.Count == 0 ? null : $"contributing factors: {string.Join("; ", e.ContributingFactors)}"))
        .On<ReviewActionAdded>((e, n) => new Told(
            $"{n.Subject} added follow-up action {e.ActionId} “{e.Title}”, owned by {e.Owner}, due {Instant(e.DueAt)}.", At: new BusinessTime(e.DueAt, "due")))
        .On<ReviewActionDone>((e, n) => new Told($"{n.Subject} recorded follow-up action {e.ActionId} as done.", Why: e.Note,
            At: new BusinessTime(e.DoneAt, "done")))
        .On<ReviewActionOverdue>((e, n) => new Told(
            $"{n.Subject} recorded a reminder: follow-up action {e.ActionId}, owned by {e.Owner}, was due {Instant(e.DueAt)} and is still open."))
        .On<ReviewCompleted>((e, n) => new Told($"{n.Subject} completed the post-incident review.", Why: e.Summary))
        .On<ChangeProposed>((e, n) => new Told(
            $"{n.Subject} proposed version {e.Version} of the {Word(e.Kind)} {e.Procedure} (a change to version {e.BaseVersion}).", Why: e.Reason))
        .On<ProposalAccepted>((e, n) => new Told(
            $"{n.Subject} accepted the proposal: version {e.Version} of the {Word(e.Kind)} {e.Procedure} is published for the organisation.", Why: e.Comment,
            Evidence: [new EvidenceReference("published document", e.ProposalId.ToString(), e.Sha256)]))
        .On<ProposalRejected>((e, n) => new Told($"{n.Subject} rejected the proposal.", Why: e.Reason))
        .On<Readiness.Exercises.Reporting.ExerciseReportExported>((e, n) => new Told(
            $"{n.Subject} (roles: {List(e.Roles)}) exported the exercise report as {e.Format.ToUpperInvariant()}, showing the exercise as of exercise time " +
            $"{Instant(e.AsOf)} (version {e.AsOfVersion}).",
            Evidence: [new EvidenceReference("exercise report", e.ExerciseId.ToString(), e.Sha256)]))
        .On<Readiness.Schedule.ExerciseScheduleSet>((e, n) => new Told(
            $"{n.Subject} set the exercise schedule: the organisation exercises its response plan every {Count(e.EveryMonths, "month", "months")}.", Why: e.Reason))
        .On<Readiness.Schedule.ExerciseDue>((e, n) => new Told(
            $"{n.Subject} recorded a reminder: the organisation's next exercise was due {Instant(e.DueAt)} " +
            (e.LastCompletedAt is { } last ? $"({Count(e.EveryMonths, "month", "months")} after the exercise completed {Instant(last)})." : "(no exercise had been completed)."),
            At: new BusinessTime(e.DueAt, "due")))
        .On<ReadinessPolicySet>((e, n) => new Told(
            $"{n.Subject} set the readiness policy: {(e.ReviewRequiredFor.Count == 0 ? "no incident needs a completed review to close" : $"{List([.. e.ReviewRequiredFor.Select(s => Word(s))])} incidents close only after a completed post-incident review")}.", Why: e.Reason));
}
