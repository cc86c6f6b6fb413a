namespace CaseManagement.Rules.Evaluation;

/// <summary>What an open obligation's escalation is about, if anything.</summary>
public enum EscalationNature
{
    /// <summary>Nothing to escalate: met, not applicable, held by a law-enforcement delay, or without any instant to count down to.</summary>
    None,
    /// <summary>A duty that applies and is owed (wholly or to some recipients): "approaching", then "missed".</summary>
    Deadline,
    /// <summary>
    /// Whether the duty applies is undetermined: the escalation asks for the missing facts
    /// (<see cref="ObligationAssessment.MissingFacts"/>) and is never a "missed" deadline, since nobody knows it was owed.
    /// </summary>
    FactsMissing,
}

/// <summary>Tells escalation rules a duty that is owed from one that waits for facts, so an open question is never reported as a miss.</summary>
public static class ObligationEscalation
{
    public static EscalationNature NatureOf(ObligationAssessment obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        if (obligation.Applicability == Applicability.NotApplicable || obligation.SatisfiedAt is not null || obligation.DeadlineStatus is null
            || obligation.DeadlineStatus == ObligationStatus.Suspended || (obligation.DueAt ?? obligation.InternalTarget) is null)
            return EscalationNature.None;
        return obligation.Applicability == Applicability.Undetermined ? EscalationNature.FactsMissing : EscalationNature.Deadline;
    }
}
