using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Scoping;

/// <summary>Order rows, newest first per person, folded into people described by their latest order.</summary>
public sealed class the_person_assembler
{
    private static readonly IReadOnlySet<string> SkimmerCategories = new HashSet<string> { "email", "name", "postal-address", "payment-card" };

    private static OrderRow Row(string key, long id, int day, string country, string? state, string method = "stripe", string? phone = null) =>
        new(key, id, new DateTimeOffset(2026, 3, day, 12, 0, 0, TimeSpan.Zero), $"{key}@example.test",
            new ShopAddress("Zoë", "Ångström", null, "1 Main St", null, "Town", state, "12345", country, null, phone),
            "203.0.113.7", method, null, false, default, default, default);

    private static async Task<List<AffectedPerson>> Assemble(params OrderRow[] rows)
    {
        var people = new List<AffectedPerson>();
        await foreach (var person in PersonAssembler.AssembleAsync(rows.ToAsyncEnumerable(), SkimmerCategories, null, CancellationToken.None))
        {
            people.Add(person);
        }

        return people;
    }

    [Fact]
    public async Task each_person_appears_once_with_the_residence_of_their_latest_order()
    {
        var people = await Assemble(Row("customer:1", 9, 20, "US", "CA"), Row("customer:1", 3, 2, "DE", null), Row("guest:anna@x.test", 5, 10, "FR", null));

        people.Select(p => (p.Key, p.Residence.Jurisdiction, p.Orders)).Should().Equal(
            [("customer:1", "US-CA", 2), ("guest:anna@x.test", "FR", 1)],
            "customer 1 moved from Germany to California; the latest order's billing address decides");
        people[0].LastOrderAt.Should().Be(new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task a_person_is_affected_only_in_categories_the_incident_involves_and_the_shop_holds_for_them()
    {
        var people = await Assemble(Row("guest:card@x.test", 1, 3, "US", "TX"), Row("guest:bank@x.test", 2, 3, "US", "TX", method: "bacs", phone: "555"));

        people[0].DataCategories.Should().BeEquivalentTo(["email", "name", "postal-address", "payment-card"]);
        people[1].DataCategories.Should().BeEquivalentTo(["email", "name", "postal-address"],
            "a bank transfer shows no card field to a skimmer, and the phone is not among the incident's categories");
    }

    [Fact]
    public async Task progress_reports_rows_scanned_and_people_found()
    {
        var reports = new List<ScopeProgress>();
        var rows = Enumerable.Range(0, 25_000).Select(i => Row($"guest:{i / 2}@x.test", i, 1 + i % 28, "GB", null));

        await foreach (var _ in PersonAssembler.AssembleAsync(rows.ToAsyncEnumerable(), SkimmerCategories, new Sink(reports), CancellationToken.None))
        {
        }

        reports.Should().Contain(new ScopeProgress(10_000, 4_999), "reported every 10,000 rows, before the person in progress is complete");
        reports[^1].Should().Be(new ScopeProgress(25_000, 12_500));
    }

    private sealed class Sink(List<ScopeProgress> reports) : IProgress<ScopeProgress>
    {
        public void Report(ScopeProgress value) => reports.Add(value);
    }
}
