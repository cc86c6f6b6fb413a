using CaseManagement.Feed;
using CaseManagement.Feed.Subscribing;
using FluentAssertions;

namespace CaseManagement.UnitTests.Feed;

public class the_feed_subscription
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), 30, TimeSpan.FromHours(24));

    private static FeedSubscription Active(long cursor = 100) => new() { Status = FeedSubscriptionStatus.Active, Cursor = cursor };

    [Fact]
    public void the_wait_doubles_after_each_failure_up_to_the_maximum()
    {
        Enumerable.Range(1, 9).Select(Policy.DelayAfter).Should().Equal(
            new[] { 5, 10, 20, 40, 80, 160, 320, 600, 600 }.Select(s => TimeSpan.FromSeconds(s)));
        Policy.DelayAfter(1000).Should().Be(TimeSpan.FromMinutes(10), "a long outage never overflows the wait");
    }

    [Fact]
    public void a_failure_keeps_the_cursor_and_schedules_the_next_attempt()
    {
        var subscription = Active();

        var retryAt = subscription.Failed("HTTP 503 (Service Unavailable)", Start, Policy);

        retryAt.Should().Be(Start.AddSeconds(5));
        subscription.Status.Should().Be(FeedSubscriptionStatus.Failing);
        subscription.Cursor.Should().Be(100, "the event that failed is tried again first");
        (subscription.Attempts, subscription.LastError, subscription.FailingSince, subscription.NextRetryAt)
            .Should().Be((1, "HTTP 503 (Service Unavailable)", Start, Start.AddSeconds(5)));
    }

    [Fact]
    public void only_the_retry_scheduled_for_the_latest_failure_delivers_while_failing()
    {
        var subscription = Active();
        subscription.Failed("HTTP 500", Start, Policy);
        subscription.Failed("HTTP 500", Start.AddSeconds(5), Policy);

        subscription.ShouldDeliver(retry: 2).Should().BeTrue();
        subscription.ShouldDeliver(retry: 1).Should().BeFalse("an earlier retry delivered twice would break the backoff");
        subscription.ShouldDeliver(retry: null).Should().BeFalse("new events wait for the retry");
    }

    [Fact]
    public void delivery_stops_after_the_configured_attempts()
    {
        var subscription = Active();
        var policy = Policy with { DeadLetterAfterAttempts = 3 };

        var retries = Enumerable.Range(0, 3).Select(i => subscription.Failed("refused", Start.AddMinutes(i), policy)).ToList();

        retries.Should().HaveCount(3).And.EndWith((DateTimeOffset?)null);
        subscription.Status.Should().Be(FeedSubscriptionStatus.DeadLettered);
        subscription.NextRetryAt.Should().BeNull();
        subscription.ShouldDeliver(retry: 3).Should().BeFalse("a dead-lettered subscription waits for a person");
    }

    [Fact]
    public void delivery_stops_after_failing_for_the_configured_time_whatever_the_attempts()
    {
        var subscription = Active();
        subscription.Failed("timeout", Start, Policy);

        subscription.Failed("timeout", Start.AddHours(24), Policy).Should().BeNull();
        subscription.Status.Should().Be(FeedSubscriptionStatus.DeadLettered);
    }

    [Fact]
    public void a_success_after_failures_makes_it_active_again_and_keeps_the_last_error_visible()
    {
        var subscription = Active();
        subscription.Failed("HTTP 503", Start, Policy);

        subscription.DeliveredUpTo(101, Start.AddSeconds(6));

        (subscription.Status, subscription.Cursor, subscription.Attempts, subscription.NextRetryAt, subscription.LastError)
            .Should().Be((FeedSubscriptionStatus.Active, 101L, 0, (DateTimeOffset?)null, "HTTP 503"));
    }

    [Fact]
    public void resuming_a_dead_lettered_subscription_delivers_from_where_it_stood()
    {
        var subscription = Active();
        subscription.Failed("refused", Start, Policy with { DeadLetterAfterAttempts = 1 });

        subscription.Resume("user:erp@shop.test", Start.AddHours(1));

        (subscription.Status, subscription.Cursor, subscription.Attempts).Should().Be((FeedSubscriptionStatus.Active, 100L, 0));
        subscription.ShouldDeliver(retry: null).Should().BeTrue();
    }

    [Theory]
    [InlineData(FeedSubscriptionStatus.Revoked, FeedSubscriptionAction.Resume)]
    [InlineData(FeedSubscriptionStatus.Revoked, FeedSubscriptionAction.Replay)]
    [InlineData(FeedSubscriptionStatus.Revoked, FeedSubscriptionAction.Revoke)]
    [InlineData(FeedSubscriptionStatus.Paused, FeedSubscriptionAction.Pause)]
    [InlineData(FeedSubscriptionStatus.Active, FeedSubscriptionAction.Resume)]
    public void changes_that_mean_nothing_now_are_refused(FeedSubscriptionStatus status, FeedSubscriptionAction action) =>
        new FeedSubscription { Status = status }.Refuse(action).Should().NotBeNull();

    [Fact]
    public void a_type_filter_lets_through_only_its_types() =>
        new FeedSubscription { Types = ["com.casemanagement.incident.closed.v1"] }.Wants("com.casemanagement.incident.detected.v1").Should().BeFalse();
}
