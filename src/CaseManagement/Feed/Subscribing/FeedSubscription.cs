using CaseManagement.Api;
using CaseManagement.Security.Pii;
using JasperFx;

namespace CaseManagement.Feed.Subscribing;

public enum FeedSubscriptionStatus
{
    /// <summary>Delivering whatever is recorded after the cursor.</summary>
    Active,

    /// <summary>The target failed; the next attempt is scheduled (with backoff) and nothing newer is sent before it.</summary>
    Failing,

    /// <summary>The target failed too often or too long; nothing is sent until the integrator resumes.</summary>
    DeadLettered,

    /// <summary>Stopped by a person; resumes where it stood.</summary>
    Paused,

    /// <summary>Ended for good; its secret is destroyed.</summary>
    Revoked,
}

public enum FeedSubscriptionAction { Pause, Resume, Replay, Revoke }

/// <summary>
/// An organisation's webhook: where its events go, which types, with which secret, and how far delivery got. The cursor is
/// a position in the global event sequence: every event of the organisation at or below it was delivered, or is of a type
/// the subscription does not want. Revisioned: the delivery handler and people's commands never overwrite each other.
/// </summary>
public sealed class FeedSubscription : IRevisioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Organisation { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>Feed types to deliver; null for all.</summary>
    public List<string>? Types { get; set; }

    public string? Description { get; set; }

    /// <summary>Also deliver the organisation's exercises (their streams and their incidents' records); off unless asked for (ADR 24).</summary>
    public bool IncludeExercises { get; set; }

    public ProtectedValue Secret { get; set; } = null!;
    public FeedSubscriptionStatus Status { get; set; }
    public long Cursor { get; set; }
    public long Delivered { get; set; }
    public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>Consecutive failed attempts; back to 0 after a success or a resume.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? NextRetryAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public string? ChangeReason { get; set; }

    public static string SecretSubject(Guid id) => $"feed-subscription:{id}";

    public bool Wants(string type) => Types is null || Types.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Whether a wake-up may deliver now. A failing subscription waits for its own scheduled retry, the one whose number
    /// matches its failures; earlier retries and wake-ups from new events leave it alone, so the backoff holds.
    /// </summary>
    public bool ShouldDeliver(int? retry) => Status switch
    {
        FeedSubscriptionStatus.Active => true,
        FeedSubscriptionStatus.Failing => retry == Attempts,
        _ => false,
    };

    /// <returns>Why the action is not possible now, or null.</returns>
    public string? Refuse(FeedSubscriptionAction action) => (action, Status) switch
    {
        (_, FeedSubscriptionStatus.Revoked) => "the subscription is revoked",
        (FeedSubscriptionAction.Pause, FeedSubscriptionStatus.Paused) => "the subscription is already paused",
        (FeedSubscriptionAction.Resume, FeedSubscriptionStatus.Active) => "the subscription is active",
        _ => null,
    };

    public void Pause(string actor, string? reason, DateTimeOffset now)
    {
        Status = FeedSubscriptionStatus.Paused;
        NextRetryAt = null;
        Changed(actor, reason, now);
    }

    /// <summary>From paused, failing or dead-lettered: the next attempt is now, and the backlog follows in order.</summary>
    public void Resume(string actor, DateTimeOffset now)
    {
        Status = FeedSubscriptionStatus.Active;
        (Attempts, FailingSince, NextRetryAt) = (0, null, null);
        Changed(actor, null, now);
    }

    /// <summary>Moves the cursor back: everything after <paramref name="cursor"/> is delivered again, in order.</summary>
    public void Replay(long cursor, string actor, DateTimeOffset now)
    {
        Cursor = cursor;
        Changed(actor, $"replay after {cursor}", now);
    }

    public void Revoke(string actor, string? reason, DateTimeOffset now)
    {
        Status = FeedSubscriptionStatus.Revoked;
        NextRetryAt = null;
        Changed(actor, reason, now);
    }

    public void DeliveredUpTo(long sequence, DateTimeOffset now)
    {
        Cursor = sequence;
        Delivered++;
        LastDeliveredAt = now;
        if (Status == FeedSubscriptionStatus.Failing)
        {
            Status = FeedSubscriptionStatus.Active;
            (Attempts, FailingSince, NextRetryAt) = (0, null, null);
        }
    }

    /// <summary>Nothing the subscription wants lies at or below <paramref name="sequence"/> beyond the cursor.</summary>
    public void SkippedUpTo(long sequence) => Cursor = Math.Max(Cursor, sequence);

    /// <returns>When to try again, or null when delivery stops (dead-lettered).</returns>
    public DateTimeOffset? Failed(string error, DateTimeOffset now, RetryPolicy policy)
    {
        Attempts++;
        (LastError, LastFailureAt) = (error, now);
        FailingSince ??= now;
        if (Attempts >= policy.DeadLetterAfterAttempts || now - FailingSince >= policy.DeadLetterAfter)
        {
            Status = FeedSubscriptionStatus.DeadLettered;
            NextRetryAt = null;
            return null;
        }

        Status = FeedSubscriptionStatus.Failing;
        NextRetryAt = now + policy.DelayAfter(Attempts);
        return NextRetryAt;
    }

    private void Changed(string actor, string? reason, DateTimeOffset now) => (ChangedAt, ChangedBy, ChangeReason) = (now, actor, reason);
}

/// <summary>What integrators and admins see of a subscription: never its secret.</summary>
public sealed record FeedSubscriptionView(
    Guid Id,
    string Url,
    IReadOnlyList<string>? Types,
    string? Description,
    bool IncludeExercises,
    string Status,
    long Cursor,
    long Delivered,
    DateTimeOffset? LastDeliveredAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? NextRetryAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ChangedAt,
    string? ChangedBy,
    string? ChangeReason)
{
    public static FeedSubscriptionView Of(FeedSubscription s) => new(s.Id, s.Url, s.Types, s.Description, s.IncludeExercises, ApiJson.WireName(s.Status), s.Cursor,
        s.Delivered, s.LastDeliveredAt, s.Attempts, s.LastError, s.LastFailureAt, s.FailingSince, s.NextRetryAt, s.CreatedAt, s.CreatedBy, s.ChangedAt,
        s.ChangedBy, s.ChangeReason);
}

/// <summary>The answer to a new subscription: the only time a generated secret is shown.</summary>
public sealed record CreatedFeedSubscription(string? Secret, FeedSubscriptionView Subscription);
