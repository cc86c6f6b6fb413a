using CaseManagement.Incidents.Listing;
using FluentAssertions;

namespace CaseManagement.UnitTests.Incidents;

/// <summary>The incident list's checks, shared by GET /api/incidents and the incident list page.</summary>
public class the_incident_list_query
{
    public static TheoryData<IncidentListQuery, string[], string> Cases => new()
    {
        { new(null, null, null, null, null), [], "no filter asks for the first page, newest detection first" },
        { new("contained", "shop-1", "title", 2, 200), [], "every filter at its largest allowed value" },
        { new("containment", null, null, null, null), ["status"], "a status the lifecycle does not have" },
        { new(null, null, "severity", null, null), ["sort"], "an order the list does not offer" },
        { new(null, null, "Title", null, null), ["sort"], "wire names are lower-case, as in every other API field" },
        { new(null, null, null, 0, null), ["page"], "pages count from 1" },
        { new(null, null, null, null, 201), ["pageSize"], "more than 200 rows a page would be slow to read and to render" },
        { new(null, null, null, null, 0), ["pageSize"], "a page holds at least one incident" },
        { new("x", null, "y", -1, -1), ["status", "sort", "page", "pageSize"], "every problem is reported at once" },
        { new(null, null, null, null, null, "critical", "leaked-api-key", 2160), [], "severity, kind and the longest window the deadline board allows" },
        { new(null, null, null, null, null, "urgent", null, null), ["severity"], "a severity the classification does not have" },
        { new(null, null, null, null, null, null, "phishing", null), ["kind"], "a kind of incident the service does not know" },
        { new(null, null, null, null, null, null, null, 0), ["dueWithinHours"], "a window of no hours holds nothing; overdue duties come with any window" },
        { new(null, null, null, null, null, null, null, 2161), ["dueWithinHours"], "the deadline board looks 90 days ahead at most" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_query_is_refused_exactly_where_it_asks_for_something_the_list_cannot_give(IncidentListQuery query, string[] refused, string because) =>
        query.Validate().Errors.Keys.Should().BeEquivalentTo(refused, because);

    [Fact]
    public void a_refused_order_names_the_orders_there_are() =>
        new IncidentListQuery(null, null, "severity", null, null).Validate().Errors["sort"].Single()
            .Should().Be("'severity' is not one of: detected-newest, detected-oldest, recently-recorded, title");
}
