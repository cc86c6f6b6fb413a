using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Api;

/// <summary>Bad input gets RFC 9457 problem details with a message a person can act on, and changes nothing.</summary>
public sealed class when_requests_are_malformed(AppFixture fixture) : ServiceScenario(fixture)
{
    [Theory]
    [InlineData("{\"title\": ", 400, "not valid JSON")]
    [InlineData("{\"titel\": \"x\"}", 400, "Unknown field 'titel'")]
    [InlineData("{\"title\": 42}", 400, "expected a string")]
    [InlineData("{\"title\":\"t\",\"shop\":\"s\",\"kind\":\"other\",\"detectedAt\":\"2026-11-20T08:00:00\"}", 422, "explicit offset")]
    [InlineData("{}", 422, "title: is required")]
    [InlineData("{\"title\":\"t\",\"shop\":\"s\",\"kind\":\"ransomware\",\"detectedAt\":\"2026-11-20T08:00:00Z\"}", 422, "'ransomware' is not one of")]
    [InlineData("{\"title\":\"t\",\"shop\":\"s\",\"kind\":\"other\",\"detectedAt\":\"2099-11-20T08:00:00Z\"}", 422, "in the future")]
    public async Task a_bad_detection_is_explained(string body, int status, string explanation)
    {
        var result = await Host.Scenario(x =>
        {
            x.Post.RawJson(body).ToUrl("/api/incidents");
            Api.Authenticate(x);
            x.StatusCodeShouldBe(status);
            x.ContentTypeShouldBe("application/problem+json");
        });

        var text = await result.ReadAsTextAsync();
        text.Should().Contain(explanation).And.NotContain("   at ", "no stack trace leaves the service").And.NotContain("CaseManagement.");
    }

    [Fact]
    public async Task every_invalid_field_is_listed()
    {
        var problem = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new { kind = "nope", dataCategories = new[] { "email", "shoe-size" } }, 422);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["title", "shop", "kind", "detectedAt", "dataCategories[1]"]);
    }

    [Fact]
    public async Task an_oversize_body_is_refused_before_it_is_read()
    {
        var huge = $"{{\"text\":\"{new string('x', 300 * 1024)}\"}}";
        var id = await Api.DetectAsync("oversize-shop");

        var problem = await Api.ActAsync(id, "add-note", huge, 413);

        problem["title"]!.GetValue<string>().Should().Contain("too large");
        (await Api.VersionOfAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task a_malformed_if_match_is_a_bad_request()
    {
        var id = await Api.DetectAsync("header-shop");

        var problem = await Api.ActAsync(id, "add-note", new { text = "x" }, 400, configure: x => x.WithRequestHeader("If-Match", "yesterday"));

        problem["detail"]!.GetValue<string>().Should().Contain("If-Match");
    }

    [Fact]
    public async Task an_unknown_route_is_a_problem_too()
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/api/nothing-here");
            Api.Authenticate(x);
            x.StatusCodeShouldBe(404);
        });

        result.Context.Response.ContentType.Should().StartWith("application/problem+json");
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", "text/html")]
    [InlineData("POST", "/api/incidents", "image/png")]
    public async Task an_error_is_a_problem_whatever_the_client_accepts(string method, string url, string accept)
    {
        var result = await Host.Scenario(x =>
        {
            if (method == "GET") x.Get.Url(url);
            else x.Post.Text("{}").ToUrl(url);
            Api.Authenticate(x);
            x.WithRequestHeader("Accept", accept);
            x.IgnoreStatusCode();
        });

        result.Context.Response.StatusCode.Should().BeGreaterThanOrEqualTo(400);
        result.Context.Response.ContentType.Should().StartWith("application/problem+json",
            "problem details are the API's only error body, even for a client that asked for {0} (RFC 9110 lets an error answer ignore Accept)", accept);
    }

    [Fact]
    public async Task a_bad_list_filter_is_explained()
    {
        var problem = await Api.GetAsync("/api/incidents?status=archived&pageSize=1000", 422);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["status", "pageSize"]);
    }
}
