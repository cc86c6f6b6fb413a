using CaseManagement.Readiness.Exercises;
using CaseManagement.Readiness.Exercises.Running;
using CaseManagement.Rules.Scenarios;
using FluentAssertions;

namespace CaseManagement.UnitTests.Readiness;

/// <summary>
/// How an exercise's tenant is named and read back (ADR 24): the one thing that keeps an exercise's record apart from its
/// organisation's, so a name that is not exactly an exercise's must read as the organisation's own tenant, never as an exercise.
/// </summary>
public class the_exercise_tenants
{
    private static readonly Guid Exercise = Guid.Parse("0192f0c4-6e2b-7a51-9c1e-3f2a1b4c5d6e");

    [Fact]
    public void an_exercise_tenant_reads_back_as_its_organisation_and_exercise()
    {
        var tenant = ExerciseTenants.TenantOf("acme", Exercise);

        ExerciseTenants.TryParse(tenant, out var organisation, out var exercise).Should().BeTrue();
        (organisation, exercise).Should().Be(("acme", Exercise));
        ExerciseTenants.OrganisationOf(tenant).Should().Be("acme", "the feed and the sandbox channel find the organisation from it");
    }

    [Theory]
    [InlineData("acme", "an organisation's own tenant")]
    [InlineData(null, "no tenant at all")]
    [InlineData("acme~exercise~not-a-guid", "the part after the separator is not an exercise id")]
    [InlineData("acme~exercise~0192f0c4-6e2b-7a51-9c1e-3f2a1b4c5d6e", "exercise ids in tenant names are written without dashes, and only so")]
    [InlineData("~exercise~0192f0c46e2b7a519c1e3f2a1b4c5d6e", "an exercise belongs to an organisation")]
    public void a_name_that_is_not_exactly_an_exercises_is_the_organisations_own(string? tenant, string because)
    {
        ExerciseTenants.TryParse(tenant, out _, out _).Should().BeFalse(because);
        ExerciseTenants.IsExercise(tenant).Should().BeFalse(because);
    }

    [Theory]
    [InlineData("acme~exercise~x", true, "the separator anywhere in an organisation's name could make it read as an exercise")]
    [InlineData("~exercise~", true, "the separator alone is reserved too")]
    [InlineData("acme-exercise", false, "only the separator with its tildes is reserved")]
    [InlineData("acme", false, "an ordinary organisation name")]
    public void an_organisation_may_not_carry_the_exercise_separator(string organisation, bool reserved, string because) =>
        ExerciseTenants.IsReservedInOrganisation(organisation).Should().Be(reserved, because);

    [Theory]
    [InlineData(0, new[] { "acquirer-alert" }, "the opening alert is due the moment the exercise starts")]
    [InlineData(39, new[] { "acquirer-alert" }, "the script is found only forty minutes in")]
    [InlineData(40, new[] { "acquirer-alert", "script-found" }, "an inject is due at its offset exactly")]
    [InlineData(72 * 60, new[] { "acquirer-alert", "script-found", "residences-known", "smtp-outage", "regulator-call", "journalist" },
        "after 72 hours every inject of the script has come, in its order")]
    public void injects_are_due_when_the_exercise_clock_reaches_their_offset(int minutes, string[] due, string because)
    {
        var scenario = ScenarioCatalogue.Embedded.Find("checkout-skimmer")!;
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

        DeliverDueInjectsHandler.Due(scenario, start, start.AddMinutes(minutes)).Select(i => i.Id).Should().Equal(due, because);
    }
}
