using System.Security.Claims;
using System.Text;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.IntegrationTests.Security;

public sealed class when_credentials_are_wrong(AppFixture fixture) : ServiceScenario(fixture)
{
    private const string LocalKey = "local-development-only-signing-key-not-a-secret-0001";

    public static IEnumerable<object[]> BadTokens()
    {
        yield return ["expired", Token(expires: DateTime.UtcNow.AddMinutes(-5))];
        yield return ["signed with another key", Token(key: "an-attacker-chosen-signing-key-of-32-bytes!!")];
        yield return ["for another audience", Token(audience: "someone-else")];
        yield return ["from another issuer", Token(issuer: "evil")];
        yield return ["without an organisation", Token(organisation: null)];
        yield return ["for an organisation named like an exercise's tenant", Token(organisation: "acme~exercise~0192f0c46e2b7a519c1e3f2a1b4c5d6e")];
        yield return ["not a token at all", "definitely.not.ajwt"];
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task a_bad_bearer_token_is_a_401_problem_and_never_logged(string why, string token)
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/api/incidents");
            x.WithRequestHeader("Authorization", $"Bearer {token}");
            x.StatusCodeShouldBe(401);
        });

        result.Context.Response.ContentType.Should().StartWith("application/problem+json", "a token {0} is refused like any other error", why);
        Logs.Lines.Should().NotContain(l => l.Contains(token), "tokens never reach a log");
    }

    [Fact]
    public async Task a_valid_token_is_not_logged_either()
    {
        var token = TokenFor("quiet@acme.test", Organisation, Roles.Auditor);

        await Host.Scenario(x =>
        {
            x.Get.Url("/api/incidents");
            x.WithRequestHeader("Authorization", $"Bearer {token}");
        });

        Logs.Lines.Should().NotContain(l => l.Contains(token.Split('.')[2]));
    }

    [Fact]
    public async Task responses_carry_security_headers_and_no_cors_grant()
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.WithRequestHeader("Origin", "https://evil.example");
        });

        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        headers.XFrameOptions.ToString().Should().Be("DENY");
        headers.ContentSecurityPolicy.ToString().Should().Contain("default-src 'none'");
        headers.ContainsKey("Access-Control-Allow-Origin").Should().BeFalse("CORS is closed: no origin is granted");
    }

    private static string Token(DateTime? expires = null, string key = LocalKey, string audience = "casemanagement-api", string issuer = "casemanagement",
        string? organisation = "acme")
    {
        var claims = new List<Claim> { new("sub", "mallory@acme.test"), new("role", "admin") };
        if (organisation is not null)
        {
            claims.Add(new Claim("org", organisation));
        }

        var exp = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = exp.AddHours(-2),
            IssuedAt = exp.AddHours(-2),
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
