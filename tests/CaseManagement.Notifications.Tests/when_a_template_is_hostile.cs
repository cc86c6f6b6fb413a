using System.Diagnostics;
using CaseManagement.Notifications.Templates;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

/// <summary>
/// A template is author input, and rendering it must cost what a notice costs (issue 15: a range of a hundred million
/// numbers took 20 s of CPU and 1.5 GB). Each hostile shape is stopped within the time limit, with little memory, and the
/// problem says which limit it went beyond.
/// </summary>
public sealed class when_a_template_is_hostile
{
    private static (TemplateProblem Problem, TimeSpan Took, long Allocated) Render(string body)
    {
        var template = Given.Email("US-CA", "Notice", body);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var render = () => TemplateRenderer.Render(template, Given.Model);

        var problem = render.Should().Throw<TemplateRenderException>().Which.Problems.Should().ContainSingle().Subject;
        return (problem, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}", "range", "because Fluid would make a list of every number first")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}", "filter 'append'",
        "because doubling a string forty times is a terabyte")]
    [InlineData("{% capture c %}{% for i in (1..10000) %}{% for j in (1..10000) %}xxxxxxxxxx{% endfor %}{% endfor %}{% endcapture %}{{ c.size }}", "capture 'c'",
        "because a capture grows without ever being written out")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..9) %}{% assign s = s | append: s %}{% endfor %}{% assign parts = s | split: '' %}{{ parts | join: s }}",
        "filter 'join'", "because a join multiplies a list by its separator before anything can be checked")]
    [InlineData("{% for i in (1..9999) %}{% for j in (1..9999) %}{{ j }}{% endfor %}{% endfor %}", "output", "because the output of a notice is a few pages")]
    [InlineData("{% for i in (1..9999) %}{% for j in (1..9999) %}{% assign k = j %}{% endfor %}{% endfor %}", "statements", "because a loop that writes nothing still runs")]
    public void it_is_stopped_quickly_with_little_memory_and_says_which_limit(string body, string named, string because)
    {
        var (problem, took, allocated) = Render(body);

        problem.Message.Should().Contain(RenderLimits.Reached).And.Contain(named, because);
        took.Should().BeLessThan(RenderLimits.MaxTime + TimeSpan.FromSeconds(1), "the render stops at its time limit at the latest");
        allocated.Should().BeLessThan(200L * 1024 * 1024, "memory stays flat: {0:N0} bytes were allocated", allocated);
    }

    [Fact]
    public void an_ordinary_notice_is_untouched_by_the_limits()
    {
        var rendered = TemplateRenderer.Render(Given.Email("US-CA", "Notice for {{ recipient.name }}",
            "Dear {{ recipient.name }},\n{% for c in incident.data_categories %}- {{ c | upcase }}\n{% endfor %}{% for i in (1..3) %}{{ i }}{% endfor %}"), Given.Model);

        rendered.Body.Should().Contain("123");
    }

    [Fact]
    public void the_limits_are_named_among_the_approval_problems() =>
        RenderLimits.AnyReached(TemplateApproval.Problems(Given.Email("US-CA", "Notice", "{% for i in (1..100000000) %}x{% endfor %}")))
            .Should().BeTrue("a draft that goes beyond a limit is refused outright rather than kept");
}
