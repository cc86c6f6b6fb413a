using CaseManagement.Api;
using CaseManagement.Incidents.Awareness;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Incidents.Notifying;
using CaseManagement.Incidents.Scoping;
using FluentAssertions;

namespace CaseManagement.UnitTests.Api;

public class ValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_detection_lists_every_problem_at_once()
    {
        var command = new DetectIncident("", null, "ransomware", null, Now.AddHours(1), null, null, ["email", "shoe-size"]);

        var errors = command.Validate(Now).Errors;

        errors.Keys.Should().BeEquivalentTo(["title", "shop", "kind", "detectedAt", "awareAt", "dataCategories[1]"]);
        errors["kind"].Single().Should().Contain("plugin-compromise").And.Contain("checkout-skimmer");
        errors["awareAt"].Single().Should().Contain("in the future");
    }

    [Fact]
    public void A_complete_detection_is_valid()
    {
        var command = new DetectIncident("Skimmer", "shop-1", "checkout-skimmer", Now.AddDays(-1), Now.AddMinutes(4), "WAF", null, ["payment-card"]);

        command.Validate(Now).IsValid.Should().BeTrue("four minutes ahead is within the allowed clock skew");
    }

    [Fact]
    public void Notification_needs_known_recipients()
    {
        var validation = new Validation();
        new RecordNotification(null, ["regulator", "neighbours"], "sent", null).Validate(validation, Now);

        validation.Errors.Should().ContainKey("recipients[1]");
    }

    [Fact]
    public void Notification_needs_at_least_one_recipient()
    {
        var validation = new Validation();
        new RecordNotification(null, [], "sent", null).Validate(validation, Now);

        validation.Errors["recipients"].Single().Should().Contain("at least one");
    }

    [Fact]
    public void Affected_counts_cannot_be_negative()
    {
        var validation = new Validation();
        new ScopeIncident(null, "orders", -1, null, null).Validate(validation, Now);

        validation.Errors.Should().ContainKey("estimatedAffectedPeople");
    }

    [Fact]
    public void A_correction_needs_its_reason()
    {
        var validation = new Validation();
        new CorrectAwareness(Now.AddDays(-1), " ", null).Validate(validation, Now);

        validation.Errors.Should().ContainKey("reason");
    }
}
