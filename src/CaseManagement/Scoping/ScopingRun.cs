using CaseManagement.Security.Pii;
using JasperFx.Events;

namespace CaseManagement.Scoping;

public enum ScopingRunStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One scoping run as its stream left it (inline snapshot): what it searches, and how it ended.</summary>
public sealed record ScopingRun
{
    public Guid Id { get; init; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public string Shop { get; init; } = "";
    public DateTimeOffset From { get; init; }
    public DateTimeOffset To { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public DateTimeOffset RequestedAt { get; init; }
    public string? RequestedBy { get; init; }
    public ScopingRunCompleted? Result { get; init; }
    public ScopingRunFailed? Failure { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public ScopingRunStatus Status => Result is not null ? ScopingRunStatus.Completed : Failure is not null ? ScopingRunStatus.Failed : ScopingRunStatus.Running;

    public static ScopingRun Create(IEvent<ScopingRunStarted> e) => new()
    {
        Id = e.Data.RunId,
        IncidentId = e.Data.IncidentId,
        Shop = e.Data.Shop,
        From = e.Data.From,
        To = e.Data.To,
        DataCategories = e.Data.DataCategories,
        RequestedAt = e.Timestamp,
        RequestedBy = e.UserName,
    };

    public ScopingRun Apply(IEvent<ScopingRunCompleted> e) => this with { Result = e.Data, EndedAt = e.Timestamp };

    public ScopingRun Apply(IEvent<ScopingRunFailed> e) => this with { Failure = e.Data, EndedAt = e.Timestamp };
}

/// <summary>Live progress of one run, overwritten by the run as it reads; the outcome itself is on the run's stream.</summary>
public sealed class ScopingRunProgress
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long OrdersScanned { get; set; }
    public long PeopleFound { get; set; }
}

/// <summary>
/// One affected person found by a run, kept for the notification campaign. Contact details are encrypted
/// under the person's own data key (erasable by crypto-shredding); the rest is what counting and targeting need.
/// </summary>
public sealed class AffectedPersonRecord
{
    /// <summary>Run id and a keyed hash of the person's key: a redelivered run overwrites, never duplicates.</summary>
    public string Id { get; set; } = "";
    public Guid RunId { get; set; }
    public Guid IncidentId { get; set; }
    public string SubjectId { get; set; } = "";
    public ProtectedValue Email { get; set; } = null!;
    public ProtectedValue? Name { get; set; }
    public ProtectedValue? Phone { get; set; }
    public ProtectedValue? PostalAddress { get; set; }
    public string? Jurisdiction { get; set; }
    public string ResidenceSource { get; set; } = "";
    public List<string> DataCategories { get; set; } = [];
    public int Orders { get; set; }
    public DateTimeOffset LastOrderAt { get; set; }
}
