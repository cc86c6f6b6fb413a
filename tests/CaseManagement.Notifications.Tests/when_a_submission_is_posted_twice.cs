using CaseManagement.Notifications.Submissions;
using CaseManagement.Rules.Catalogue;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

/// <summary>A regulator submission posted twice is recognised: the same again is a replay, the same act saying something else a conflict (issue 14, item 8).</summary>
public sealed class when_a_submission_is_posted_twice
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly RecordedSubmission Recorded =
        new("eu-gdpr-art33-sa", "gdpr-article33", [Recipient.Regulator], At, "CNIL web form", "CNIL-2026-0042", new string('a', 64));

    public static TheoryData<string, RecordedSubmission, Type, string> Cases => new()
    {
        { "the same again", Recorded, typeof(SubmissionDecision.Replay), "a client that did not see the answer sent it again" },
        {
            "the same with other spacing and case", Recorded with { Channel = " cnil WEB form ", Reference = "cnil-2026-0042 ", DocumentSha256 = new string('A', 64) },
            typeof(SubmissionDecision.Replay), "nobody types a reference twice the same way"
        },
        { "another reference", Recorded with { Reference = "CNIL-2026-0043" }, typeof(SubmissionDecision.New), "a second act, e.g. a follow-up the authority numbered" },
        { "another channel", Recorded with { Channel = "registered letter" }, typeof(SubmissionDecision.New), "the same report sent a second way is a second act" },
        { "another obligation", Recorded with { RuleId = "gb-ukgdpr-art33-ico" }, typeof(SubmissionDecision.New), "the ICO is another authority" },
        {
            "the same act at another instant", Recorded with { SubmittedAt = At.AddHours(3) }, typeof(SubmissionDecision.Conflict),
            "one reference cannot have been submitted at two instants"
        },
        {
            "the same act with another document", Recorded with { DocumentSha256 = new string('b', 64) }, typeof(SubmissionDecision.Conflict),
            "a different document under the same reference contradicts the record"
        },
        {
            "the same act to another recipient", Recorded with { Recipients = [Recipient.AttorneyGeneral] }, typeof(SubmissionDecision.Conflict),
            "the record says whom it told"
        },
        {
            "two without a reference", Recorded with { Reference = null, SubmittedAt = At.AddDays(1) }, typeof(SubmissionDecision.New),
            "a recorded one has a reference; this one has none, so they differ"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_submission_is_new_a_replay_or_a_conflict(string situation, RecordedSubmission submitted, Type decision, string because)
    {
        SubmissionDuplicates.Decide([Recorded], submitted).Should().BeOfType(decision, "{0}: {1}", situation, because);
    }

    [Fact]
    public void two_submissions_without_a_reference_by_the_same_channel_cannot_be_told_apart()
    {
        var first = Recorded with { Reference = null };

        SubmissionDuplicates.Decide([first], first with { SubmittedAt = At.AddHours(1) })
            .Should().BeOfType<SubmissionDecision.Conflict>("nothing tells them apart but the instant: a second act needs a reference");
    }

    [Fact]
    public void a_conflict_names_the_earlier_submission_and_each_difference()
    {
        var conflict = SubmissionDuplicates.Decide([Recorded], Recorded with { SubmittedAt = At.AddHours(3), DocumentSha256 = null })
            .Should().BeOfType<SubmissionDecision.Conflict>().Subject;

        conflict.Earlier.Should().Be(Recorded);
        conflict.Differences.Should().Equal(
            "submitted at: recorded 2026-03-10 09:00 UTC, this one 2026-03-10 12:00 UTC",
            $"document SHA-256: recorded {new string('a', 64)}, this one none");
    }

    [Fact]
    public void instants_within_one_minute_are_named_exactly_so_the_difference_shows()
    {
        var conflict = SubmissionDuplicates.Decide([Recorded], Recorded with { SubmittedAt = At.AddSeconds(20) })
            .Should().BeOfType<SubmissionDecision.Conflict>().Subject;

        conflict.Differences.Should().Equal(["submitted at: recorded 2026-03-10T09:00:00.0000000Z, this one 2026-03-10T09:00:20.0000000Z"],
            "\"09:00 UTC\" twice would not say what differs");
    }

    [Fact]
    public void nothing_recorded_means_new() =>
        SubmissionDuplicates.Decide([], Recorded).Should().BeOfType<SubmissionDecision.New>("the first submission is always recorded");
}
