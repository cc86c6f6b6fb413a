using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Api;

/// <summary>
/// A query parameter an endpoint does not take is a 400 that names it, on every endpoint; the ones it documents are taken
/// (issue 14, item 13). A silently ignored <c>?version=</c> answers "now" to someone who asked about the past.
/// </summary>
public sealed partial class when_a_query_parameter_is_not_taken(AppFixture fixture) : ServiceScenario(fixture)
{
    private const string Unknown = "noSuchParameter";

    /// <summary>Every role, so that no endpoint refuses the caller before it looks at the query.</summary>
    private IncidentApi Everyone => ApiAs("all.roles@query.test", "query-org", [.. Roles.All]);

    [Fact]
    public async Task every_documented_endpoint_answers_an_unknown_parameter_with_a_400_that_names_it()
    {
        var failures = new List<string>();
        foreach (var (operation, _) in await DocumentedOperationsAsync())
        {
            var (status, problem) = await CallAsync(operation, $"{Unknown}=1");
            if (status != 400 || problem?["detail"]?.GetValue<string>().Contains($"?{Unknown}") != true
                || problem["unknownParameters"]?.AsArray().Select(p => p!.GetValue<string>()).SequenceEqual([Unknown]) != true)
            {
                failures.Add($"{operation}?{Unknown}=1 answered {status}: {problem?.ToJsonString()}");
            }
        }

        failures.Should().BeEmpty("an endpoint must refuse a query parameter it would ignore, and say which one");
    }

    [Fact]
    public async Task every_parameter_an_endpoint_documents_is_taken()
    {
        var failures = new List<string>();
        foreach (var (operation, parameters) in await DocumentedOperationsAsync())
        {
            foreach (var parameter in parameters)
            {
                var (_, problem) = await CallAsync(operation, $"{parameter}=1");
                if (problem?["unknownParameters"] is not null)
                {
                    failures.Add($"{operation} documents ?{parameter} but refused it: {problem.ToJsonString()}");
                }
            }
        }

        failures.Should().BeEmpty("the OpenAPI document and the check read the same description of each endpoint");
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=2147483647")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=2147483647")]
    public async Task every_paged_endpoint_refuses_a_page_it_cannot_reach_with_a_422_that_names_it(string query)
    {
        var name = query.Split('=')[0];
        var paged = (await DocumentedOperationsAsync()).Where(o => o.Parameters.Contains("page") && o.Parameters.Contains("pageSize")).ToList();
        paged.Should().NotBeEmpty("the incident list, the deadline board and a campaign's deliveries are paged");
        var failures = new List<string>();
        foreach (var (operation, _) in paged)
        {
            var (status, problem) = await CallAsync(operation, query);
            if (status != 422 || problem?["errors"]?[name] is null)
            {
                failures.Add($"{operation}?{query} answered {status}: {problem?.ToJsonString()}");
            }
        }

        failures.Should().BeEmpty("a page out of range is the caller's to fix (a page far past the end would overflow the offset and fail as ours)");
    }

    [Fact]
    public async Task the_refusal_lists_what_the_endpoint_takes_and_the_list_takes_no_point_in_time()
    {
        var problem = await Everyone.GetAsync("/api/incidents?status=detected&asOf=2026-11-20T08:00:00Z", 400);

        problem["title"]!.GetValue<string>().Should().Be("Unknown query parameter");
        problem["detail"]!.GetValue<string>().Should().Contain("GET /api/incidents does not take ?asOf").And.Contain("it takes: dueWithinHours, kind, page, pageSize, severity, shop, sort, status");
        problem["acceptedParameters"]!.AsArray().Select(p => p!.GetValue<string>()).Should().BeEquivalentTo(["status", "shop", "sort", "page", "pageSize", "severity", "kind", "dueWithinHours"]);
    }

    [Fact]
    public async Task parameter_names_are_matched_as_urls_spell_them_in_any_case()
    {
        await Everyone.GetAsync("/api/incidents?STATUS=detected");
        (await Everyone.GetAsync("/api/incidents?stauts=detected", 400))["unknownParameters"]![0]!.GetValue<string>().Should().Be("stauts");
    }

    /// <summary>Each operation of the OpenAPI document with the query parameters it lists.</summary>
    private async Task<List<(string Operation, IReadOnlyList<string> Parameters)>> DocumentedOperationsAsync()
    {
        var document = await Api.GetAsync("/openapi/v1.json");
        return
        [
            .. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (
                $"{op.Key.ToUpperInvariant()} {path.Key}",
                (IReadOnlyList<string>)[.. (op.Value!["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>())]))),
        ];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial System.Text.RegularExpressions.Regex RouteValues();

    private async Task<(int Status, JsonNode? Problem)> CallAsync(string operation, string query)
    {
        var (method, path) = (operation.Split(' ')[0], RouteValues().Replace(operation.Split(' ')[1], m => m.Value switch
        {
            "{version}" => "1",
            _ when m.Value.EndsWith("id}", StringComparison.OrdinalIgnoreCase) => Guid.NewGuid().ToString(),
            _ => "query",
        }));
        var result = await Host.Scenario(x =>
        {
            var (name, value) = (query.Split('=')[0], query.Split('=')[1]);
            if (method == "GET")
            {
                x.Get.Url(path).QueryString(name, value);
            }
            else
            {
                x.Post.RawJson("{}").ToUrl(path).QueryString(name, value);
            }

            Everyone.Authenticate(x);
            x.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        var problem = result.Context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true ? JsonNode.Parse(text) : null;
        return (result.Context.Response.StatusCode, problem);
    }
}
