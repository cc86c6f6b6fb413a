using CaseManagement.Security.Hardening;
using FluentAssertions;

namespace CaseManagement.UnitTests.Security;

public class the_authentication_failure_throttle
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    private AuthenticationFailureThrottle Throttle() => new(new AuthenticationFailureLimits { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) }, _clock);

    [Fact]
    public void a_client_is_held_back_once_it_reaches_the_limit_and_released_when_the_window_ends()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            throttle.RetryAfter("10.0.0.1").Should().BeNull("failure {0} is still within the limit", i);
            throttle.RecordFailure("10.0.0.1");
        }

        throttle.RetryAfter("10.0.0.1").Should().Be(TimeSpan.FromMinutes(1));
        _clock.Now += TimeSpan.FromSeconds(45);
        throttle.RetryAfter("10.0.0.1").Should().Be(TimeSpan.FromSeconds(15), "the wait is what is left of the window");
        _clock.Now += TimeSpan.FromSeconds(15);
        throttle.RetryAfter("10.0.0.1").Should().BeNull("a new window starts clean");
    }

    [Fact]
    public void clients_are_counted_separately()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("10.0.0.1");
        }

        throttle.RetryAfter("10.0.0.2").Should().BeNull("one client's guessing does not lock out another");
    }
}
