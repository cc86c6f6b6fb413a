using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// Says, for one incident, which obligations of a catalogue version apply (or why not, or which fact would
/// decide), when each is due and where it stands. Pure: the same facts, catalogue, options and instant give the
/// same evaluation, so "what if" questions are just evaluations of other facts or another catalogue version.
/// </summary>
public static class ObligationEvaluator
{
    /// <summary>
    /// Assesses every rule of <paramref name="catalogue"/> against <paramref name="facts"/> as of
    /// <paramref name="now"/>. Rules that do not apply are listed too, with their reason. Undetermined rules get a
    /// deadline and status as if they applied, so a running clock is never hidden behind an open question.
    /// </summary>
    /// <exception cref="ArgumentException">A rule's jurisdiction has no known time zone (see <see cref="JurisdictionClocks"/>).</exception>
    public static Evaluation Evaluate(IncidentFacts facts, ObligationCatalogue catalogue, EvaluationOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DueSoonWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QualitativeInternalTarget, TimeSpan.Zero);

        var zones = new Dictionary<string, JurisdictionClock>(StringComparer.OrdinalIgnoreCase);
        JurisdictionClock ClockOf(string jurisdiction) =>
            zones.TryGetValue(jurisdiction, out var clock) ? clock : zones[jurisdiction] = JurisdictionClocks.For(jurisdiction);

        var clocks = new IncidentClocks(facts, catalogue, ClockOf);
        var verdicts = new ApplicabilityAssessor(facts, catalogue, clocks, ClockOf, now).AssessAll();
        var assessed = catalogue.Rules
            .Select(rule => Assess(rule, verdicts[rule.Id], facts, clocks, ClockOf(rule.Jurisdiction), options, now))
            .ToDictionary(o => o.RuleId, StringComparer.Ordinal);
        var obligations = catalogue.Rules
            .Select(rule => WithTargetOfItsEvent(assessed[rule.Id], rule, catalogue, assessed))
            .OrderBy(o => o.DueAt is null)
            .ThenBy(o => o.DueAt)
            .ThenBy(o => o.Jurisdiction, StringComparer.Ordinal)
            .ThenBy(o => o.RuleId, StringComparer.Ordinal)
            .ToList();
        return new Evaluation(catalogue.Version, now.ToUniversalTime(), obligations,
            [.. IncidentFacts.Problems(facts, now), .. FactProblems.Against(facts, catalogue)]);
    }

    private static ObligationAssessment Assess(
        ObligationRule rule, Verdict verdict, IncidentFacts facts, IncidentClocks clocks, JurisdictionClock clock,
        EvaluationOptions options, DateTimeOffset now)
    {
        var started = clocks.Read(rule.ClockStart, rule);
        var satisfaction = RuleSatisfaction.Of(rule, facts);
        var satisfiedAt = satisfaction.MetAt;
        var deadlineText = rule.Backstop is { } backstop ? $"{rule.Deadline.Wording} {backstop.Wording}" : rule.Deadline.Wording;
        ObligationAssessment Result(string reason, Due? due, DateTimeOffset? internalTarget, ObligationStatus status, LawEnforcementDelay? suspendedBy)
        {
            // "Met" needs every recipient told; until then the deadline status belongs to what is owed, and the headline
            // says why the duty is open: a law-enforcement hold, missing facts, or some recipients told and others not.
            var open = satisfiedAt is null && status is ObligationStatus.Pending or ObligationStatus.DueSoon or ObligationStatus.DueNow
                or ObligationStatus.Overdue or ObligationStatus.Suspended;
            var headline = !open || status == ObligationStatus.Suspended ? status
                : verdict.Outcome == Applicability.Undetermined ? ObligationStatus.NeedsFacts
                : satisfaction.Told.Count > 0 ? ObligationStatus.PartlyMet
                : status;
            return new ObligationAssessment(rule.Id, rule.Jurisdiction, rule.Kind, rule.Recipients, rule.Citation, rule.Verification, verdict.Outcome,
                reason, rule.ClockStart, started.At, due, DueAt(due), internalTarget, deadlineText, headline, satisfiedAt, suspendedBy)
            {
                RecipientsNeeded = rule.RecipientsNeeded,
                Told = [.. satisfaction.Told.Select(t => new RecipientTold(t.Recipient, t.At, t.Act, t.Reference, Timing(due, t.At, now, options)))],
                Owed = verdict.Outcome == Applicability.NotApplicable ? [] : satisfaction.Owed,
                UnattributedSatisfiedAt = satisfaction.Unattributed,
                DeadlineStatus = open ? status : null,
                MissingFacts = verdict.Outcome == Applicability.Undetermined ? verdict.Missing : [],
            };
        }

        if (verdict.Outcome == Applicability.NotApplicable)
            return Result(verdict.Reason, new Due.NotApplicable(), null, ObligationStatus.NotApplicable, null);

        var notes = new List<string>();
        var due = Schedule(rule, started, clocks, clock, now, notes);

        LawEnforcementDelay? suspendedBy = null;
        var held = false;
        if (rule.LawEnforcementDelay && facts.Delay is { } delay && delay.RequestedAt <= now)
        {
            // The clock stands still from the request until the delay is lifted, or until the duty was met under it.
            var heldUntil = delay.LiftedAt <= now ? delay.LiftedAt : satisfiedAt;
            if (heldUntil is null)
            {
                held = true;
                suspendedBy = delay;
                notes.Add($"held by the law-enforcement delay requested at {Text.Instant(delay.RequestedAt)}: the due instant shown moves later by as long as the delay lasts (an engine convention, not verified per statute)");
            }
            else if (due is Due.Instant instant && Extend(instant, started.At, delay, heldUntil.Value, notes) is { } extended)
            {
                due = extended;
                suspendedBy = delay;
            }
        }

        DateTimeOffset? internalTarget = null;
        if (due is Due.Qualitative && started.At is { } from)
        {
            internalTarget = from + options.QualitativeInternalTarget;
            notes.Add($"internal target {Text.Instant(internalTarget.Value)}, {Text.Hours(options.QualitativeInternalTarget)} after {Text.Occurrence(rule.ClockStart)}: our own goal for a duty with no fixed period, not a legal deadline");
        }

        // A duty with no deadline (record-keeping) has nothing to be on time for, but once done it is met, and says so.
        var status = held ? ObligationStatus.Suspended
            : due is null ? (satisfiedAt is null ? ObligationStatus.Pending : ObligationStatus.Met)
            : due is Due.NotApplicable && satisfiedAt is not null ? ObligationStatus.Met
            : StatusOf(DeadlineCalculator.Classify(due, now, satisfiedAt, options.DueSoonWindow));
        return Result(string.Join("; ", notes.Prepend(verdict.Reason)), due, internalTarget, status, suspendedBy);
    }

    /// <summary>The rule's deadline combined with its backstop; null while no clock that fixes it has started.</summary>
    private static Due? Schedule(ObligationRule rule, ClockReading started, IncidentClocks clocks, JurisdictionClock clock, DateTimeOffset now, List<string> notes)
    {
        var spec = rule.Deadline.Spec;
        if (spec.Unit == DeadlineUnit.NotApplicable)
            return new Due.NotApplicable();

        var main = Compute(spec, started, clock);
        if (started.NotStarted is { } missing)
            notes.Add(missing);
        if (rule.Backstop is not { } backstop)
            return main;

        var backstopStarted = clocks.Read(backstop.ClockStart, rule);
        var stop = Compute(backstop.Spec, backstopStarted, clock);
        if (stop is null)
        {
            notes.Add($"backstop {backstopStarted.NotStarted}");
            return main;
        }
        if (main is not null)
            return started.At is { } mainStart ? DeadlineCalculator.WithBackstop(main, mainStart, stop) : DeadlineCalculator.Earliest(main, stop);

        // Only the backstop runs yet. Once it has passed, a main clock starting later runs alone (DORA: classified
        // after the 24 hours, 4 hours from classification), so a passed backstop is not a deadline to show.
        if (stop is Due.Instant { DueAt: var stopAt } && stopAt <= now)
        {
            notes.Add($"the backstop ({backstop.Wording}) passed at {Text.Instant(stopAt)}, so the deadline will run from {Text.Occurrence(rule.ClockStart)} alone once it is recorded");
            return null;
        }
        notes.Add($"until {Text.Occurrence(rule.ClockStart)} is recorded, the backstop is shown: {backstop.Wording}");
        return stop;
    }

    private static Due? Compute(DeadlineSpec spec, ClockReading started, JurisdictionClock clock) =>
        started.At is { } at ? DeadlineCalculator.Compute(spec, at, clock)
        : spec.IsRelative ? DeadlineCalculator.ComputeBeforeClockStart(spec)
        : null;

    /// <summary>
    /// After a law-enforcement delay, the clock is taken to have stood still while the delay held it: from the
    /// later of the request and the clock start, until the delay was lifted or the duty met. The due instant moves
    /// by that span. An engine convention: statutes differ (Maryland gives 7 days after clearance, South Dakota
    /// 30), and none is modelled one by one. A delay requested after the deadline had passed moves nothing.
    /// </summary>
    private static Due.Instant? Extend(Due.Instant due, DateTimeOffset? clockStart, LawEnforcementDelay delay, DateTimeOffset heldUntil, List<string> notes)
    {
        if (delay.RequestedAt > due.DueAt)
        {
            notes.Add($"the law-enforcement delay was requested at {Text.Instant(delay.RequestedAt)}, after this deadline had passed, so it does not move it");
            return null;
        }
        var heldFrom = clockStart is { } start && start > delay.RequestedAt ? start : delay.RequestedAt;
        var held = heldUntil - heldFrom;
        if (held <= TimeSpan.Zero)
            return null;
        var moved = new Due.Instant(due.DueAt + held);
        notes.Add($"due moved from {Text.Instant(due.DueAt)} to {Text.Instant(moved.DueAt)}: the clock stood still for the {Text.Duration(held)} the law-enforcement delay held it (requested {Text.Instant(delay.RequestedAt)}, held until {Text.Instant(heldUntil)}); an engine convention, not verified per statute");
        return moved;
    }

    // One recipient's act judged against the rule's deadline, as if it were the only recipient.
    private static ObligationStatus Timing(Due? due, DateTimeOffset at, DateTimeOffset now, EvaluationOptions options) =>
        due is null or Due.NotApplicable ? ObligationStatus.Met : StatusOf(DeadlineCalculator.Classify(due, now, at, options.DueSoonWindow));

    /// <summary>
    /// A duty timed against the notice to individuals ("before", "no later than", "with" it) has no instant while that
    /// notice is not sent. Its internal target is the earliest instant the open notices to individuals in its
    /// jurisdiction are due (their deadline, else their own internal target), so the board can show it: coming
    /// before or with them, it cannot be later. Our goal, not a legal deadline.
    /// </summary>
    private static ObligationAssessment WithTargetOfItsEvent(
        ObligationAssessment o, ObligationRule rule, ObligationCatalogue catalogue, IReadOnlyDictionary<string, ObligationAssessment> assessed)
    {
        if (o.Due is not Due.RelativeTo { EventAt: null } || o.DeadlineStatus is null || o.InternalTarget is not null)
            return o;
        var notices = IncidentClocks.IndividualNoticesIn(catalogue, rule.Jurisdiction)
            .Select(n => assessed[n.Id])
            .Where(n => n.Applicability != Applicability.NotApplicable && n.SatisfiedAt is null)
            .Select(n => (n.RuleId, Target: n.DueAt ?? n.InternalTarget))
            .Where(n => n.Target is not null)
            .OrderBy(n => n.Target)
            .ToList();
        if (notices.Count == 0)
            return o with { Reason = $"{o.Reason}; no internal target yet: no notice to individuals in {rule.Jurisdiction} has a due instant or target to come {Relation(o.Due)}" };
        var (noticeId, target) = notices[0];
        return o with
        {
            InternalTarget = target,
            Reason = $"{o.Reason}; internal target {Text.Instant(target!.Value)}: it must come {Relation(o.Due)} the notice to individuals, and {noticeId} is due then (our own goal, not a legal deadline)",
        };
    }

    private static string Relation(Due? due) => due switch
    {
        Due.RelativeTo { Relation: EventRelation.Before } => "before",
        Due.RelativeTo { Relation: EventRelation.NoLaterThan } => "no later than",
        _ => "together with",
    };

    private static DateTimeOffset? DueAt(Due? due) => due switch
    {
        Due.Instant instant => instant.DueAt,
        Due.RelativeTo { EventAt: { } at } => at,
        _ => null,
    };

    private static ObligationStatus StatusOf(DueStatus status) => status switch
    {
        DueStatus.Pending => ObligationStatus.Pending,
        DueStatus.DueSoon => ObligationStatus.DueSoon,
        DueStatus.DueNow => ObligationStatus.DueNow,
        DueStatus.Overdue => ObligationStatus.Overdue,
        DueStatus.MetOnTime => ObligationStatus.MetOnTime,
        DueStatus.MetLate => ObligationStatus.MetLate,
        DueStatus.Met => ObligationStatus.Met,
        DueStatus.NotApplicable => ObligationStatus.NotApplicable,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown due status."),
    };
}
