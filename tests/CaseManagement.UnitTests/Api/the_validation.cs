using CaseManagement.Incidents.Awareness;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Incidents.Notifying;
using CaseManagement.Scoping.Manual;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.UnitTests.Api;

public class the_validation
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static IDictionary<string, string[]> Errors(ProblemDetails problem)
    {
        problem.Status.Should().Be(StatusCodes.Status422UnprocessableEntity, "invalid values are answered with 422");
        return problem.Should().BeOfType<HttpValidationProblemDetails>("every invalid value is listed under its field").Subject.Errors;
    }

    [Fact]
    public void a_detection_lists_every_problem_at_once()
    {
        var command = new DetectIncident("", null, "ransomware", null, Now.AddHours(1), null, null, ["email", "shoe-size"]);

        var errors = Errors(DetectIncidentEndpoint.Validate(command, Now));

        errors.Keys.Should().BeEquivalentTo(["title", "shop", "kind", "detectedAt", "awareAt", "dataCategories[1]"]);
        errors["kind"].Single().Should().Contain("plugin-compromise").And.Contain("checkout-skimmer");
        errors["awareAt"].Single().Should().Contain("in the future");
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59Z", true, "because the holiday calendars business-day clocks count with start in 2000")]
    [InlineData("1970-01-01T00:00:00Z", true, "because an instant the API reads is not yet one deadlines can start from")]
    [InlineData("2000-01-01T00:00:00Z", false, "because 2000 is the first year the calendars know")]
    public void a_fact_cannot_predate_the_years_deadlines_are_computed_for(string detectedAt, bool refused, string because)
    {
        var command = new DetectIncident("Skimmer", "shop-1", "checkout-skimmer", DateTimeOffset.Parse(detectedAt), null, null, null, null);

        var problem = DetectIncidentEndpoint.Validate(command, Now);

        if (refused)
        {
            Errors(problem)["detectedAt"].Single().Should().Contain("before 2000-01-01", because);
        }
        else
        {
            problem.Should().BeSameAs(Wolverine.Http.WolverineContinue.NoProblems, because);
        }
    }

    [Fact]
    public void a_complete_detection_is_valid()
    {
        var command = new DetectIncident("Skimmer", "shop-1", "checkout-skimmer", Now.AddDays(-1), Now.AddMinutes(4), "WAF", null, ["payment-card"]);

        DetectIncidentEndpoint.Validate(command, Now).Should().BeSameAs(Wolverine.Http.WolverineContinue.NoProblems,
            "four minutes ahead is within the allowed clock skew");
    }

    [Fact]
    public void notification_needs_known_recipients()
    {
        var problem = RecordNotificationEndpoint.Validate(new RecordNotification(null, ["regulator", "neighbours"], "sent", null), Now);

        Errors(problem).Should().ContainKey("recipients[1]");
    }

    [Fact]
    public void notification_needs_at_least_one_recipient()
    {
        var problem = RecordNotificationEndpoint.Validate(new RecordNotification(null, [], "sent", null), Now);

        Errors(problem)["recipients"].Single().Should().Contain("at least one");
    }

    [Fact]
    public void affected_counts_cannot_be_negative()
    {
        var problem = ScopeIncidentEndpoint.Validate(new ScopeIncident(null, "orders", -1, null, null), Now);

        Errors(problem).Should().ContainKey("estimatedAffectedPeople");
    }

    [Fact]
    public void a_correction_needs_its_reason()
    {
        var problem = CorrectAwarenessEndpoint.Validate(new CorrectAwareness(Now.AddDays(-1), " ", null), Now);

        Errors(problem).Should().ContainKey("reason");
    }
}
