using FluentAssertions;

namespace CaseManagement.ResilienceTests.Broker;

/// <summary>The consumer's rule of <see cref="StreamOrder{T}"/>, on the arrivals a broker outage can cause.</summary>
public sealed class the_stream_order_rule
{
    public static TheoryData<string, string[], string[], int, string> Cases => new()
    {
        { "in order", ["a1", "a2", "b1", "a3"], ["a1", "a2", "a3"], 0, "events that arrive in order are applied as they come" },
        { "overtaken", ["a1", "a3", "b1", "a2"], ["a1", "a2", "a3"], 0, "a3 waits for a2, held in the outbox during the outage" },
        { "repeated", ["a1", "a2", "a2", "a1", "a3"], ["a1", "a2", "a3"], 0, "the outbox's repeats are dropped" },
        { "gap", ["a1", "a3", "a4"], ["a1"], 2, "a missing a2 keeps a3 and a4 held: the consumer sees the gap instead of applying past it" },
        { "reversed", ["a3", "a2", "a1"], ["a1", "a2", "a3"], 0, "any order within a stream comes out right once all have arrived" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_stream_is_applied_in_version_order_without_repeats_or_skipping_a_gap(string name, string[] arrivals, string[] appliedOfA, int held, string because)
    {
        var order = new StreamOrder<string>();

        foreach (var arrival in arrivals)
        {
            order.Receive(arrival[..1], long.Parse(arrival[1..], System.Globalization.CultureInfo.InvariantCulture), arrival);
        }

        order.AppliedOf("a").Should().Equal(appliedOfA, "{0}: {1}", name, because);
        order.Held.Should().Be(held, "{0}: {1}", name, because);
    }

    [Fact]
    public void a_consumer_that_binds_late_starts_a_stream_where_the_pull_feed_left_it()
    {
        var order = new StreamOrder<string>();
        order.StartAt("a", 4);

        order.Receive("a", 6, "a6");
        order.Receive("a", 5, "a5");
        order.Receive("a", 3, "a3");

        order.AppliedOf("a").Should().Equal(["a5", "a6"], "versions up to 4 were read from the pull feed; a3 is one of them again");
        order.Repeats.Should().Be(1);
    }
}
