using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Web;

/// <summary>
/// The shared host has no OpenID Connect provider (Authentication:Oidc:Authority unset): pages send people to the
/// sign-in page, which says what is missing, and the API answers as it always did. The browser tests cover sign-in.
/// </summary>
public sealed class when_no_sign_in_provider_is_configured(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task a_page_sends_the_visitor_to_sign_in_and_the_sign_in_page_says_what_is_missing()
    {
        await Host.Scenario(x =>
        {
            x.Get.Url("/incidents");
            x.StatusCodeShouldBe(302);
            x.Header("Location").SingleValueShouldEqual("http://localhost/signin?ReturnUrl=%2Fincidents");
        });

        var signIn = await Host.Scenario(x =>
        {
            x.Get.Url("/signin?ReturnUrl=%2Fincidents");
            x.StatusCodeShouldBe(503);
        });

        (await signIn.ReadAsTextAsync()).Should().Contain("Sign-in is not configured").And.Contain("Authentication:Oidc:Authority");
    }

    [Fact]
    public async Task an_htmx_request_without_a_session_is_told_where_to_sign_in_instead_of_being_redirected() =>
        await Host.Scenario(x =>
        {
            x.Get.Url("/incidents?status=detected");
            x.WithRequestHeader("HX-Request", "true");
            x.StatusCodeShouldBe(401);
            // htmx would swap a followed redirect into the page; HX-Redirect makes it load the sign-in page whole.
            x.Header("HX-Redirect").SingleValueShouldEqual("http://localhost/signin?ReturnUrl=%2Fincidents%3Fstatus%3Ddetected");
        });

    [Fact]
    public async Task the_api_still_answers_401_to_a_caller_without_credentials() =>
        await Host.Scenario(x =>
        {
            x.Get.Url("/api/incidents");
            x.StatusCodeShouldBe(401);
        });
}
