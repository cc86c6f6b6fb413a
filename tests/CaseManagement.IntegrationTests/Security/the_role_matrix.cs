using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// Every endpoint in the OpenAPI document, every role: 401 without credentials, 403 for a role that
/// may not use it, and through for one that may. An endpoint missing from the matrix fails the test,
/// so nobody adds a route without deciding who may call it.
/// </summary>
public sealed partial class the_role_matrix(AppFixture fixture) : ServiceScenario(fixture)
{
    private static readonly string[] Readers = [Roles.Responder, Roles.ComplianceLead, Roles.Approver, Roles.Auditor];
    private static readonly string[] Recorders = [Roles.Responder, Roles.ComplianceLead];
    private static readonly string[] Leads = [Roles.ComplianceLead];
    private static readonly string[] Admins = [Roles.Admin];
    private static readonly string[] Integrators = [Roles.Integrator];
    private static readonly string[] FeedReaders = [Roles.Integrator, Roles.Auditor];
    private static readonly string[] FeedOverseers = [Roles.Integrator, Roles.Admin];

    public static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["POST /api/incidents"] = Recorders,
        ["GET /api/incidents"] = Readers,
        ["GET /api/incidents/{id}"] = Readers,
        ["GET /api/incidents/{id}/events"] = Readers,
        ["GET /api/incidents/{id}/reporter"] = [Roles.Responder, Roles.ComplianceLead, Roles.Auditor],
        ["POST /api/incidents/{id}/contain"] = Recorders,
        ["POST /api/incidents/{id}/scope"] = Recorders,
        ["GET /api/incidents/{id}/scope"] = Readers,
        ["POST /api/incidents/{id}/scope/manual"] = Recorders,
        ["POST /api/incidents/{id}/notify"] = Leads,
        ["POST /api/incidents/{id}/decide-no-notification"] = Leads,
        ["POST /api/incidents/{id}/mark-false-positive"] = Recorders,
        ["POST /api/incidents/{id}/close"] = Recorders,
        ["POST /api/incidents/{id}/reopen"] = Recorders,
        ["POST /api/incidents/{id}/classify-severity"] = Recorders,
        ["POST /api/incidents/{id}/assign-responder"] = Recorders,
        ["POST /api/incidents/{id}/add-note"] = Recorders,
        ["POST /api/incidents/{id}/record-awareness"] = Recorders,
        ["POST /api/incidents/{id}/correct-awareness"] = Recorders,
        ["POST /api/incidents/{id}/correct-shop"] = Recorders,
        ["POST /api/incidents/{id}/facts/clocks"] = Recorders,
        ["POST /api/incidents/{id}/facts/data-categories"] = Recorders,
        ["POST /api/incidents/{id}/facts/encryption"] = Recorders,
        ["POST /api/incidents/{id}/facts/affected-counts"] = Recorders,
        ["POST /api/incidents/{id}/facts/sector-flags"] = Recorders,
        ["POST /api/incidents/{id}/facts/risk-assessment"] = Leads,
        ["POST /api/incidents/{id}/facts/breach-start"] = Recorders,
        ["POST /api/incidents/{id}/facts/law-enforcement-delay"] = Leads,
        ["POST /api/incidents/{id}/facts/law-enforcement-delay/lift"] = Leads,
        ["POST /api/incidents/{id}/obligations/satisfied"] = Leads,
        ["POST /api/incidents/{id}/obligations/catalogue-version"] = Leads,
        ["GET /api/incidents/{id}/deadlines"] = Readers,
        ["POST /api/incidents/{id}/deadlines/what-if"] = Readers,
        ["POST /api/incidents/{id}/obligations/waive"] = Leads,
        ["GET /api/incidents/{id}/obligations/catalogue-move"] = Readers,
        ["GET /api/incidents/{id}/closure-check"] = Readers,
        ["POST /api/incidents/{id}/ordering-duties/waive"] = Leads,
        ["POST /api/incidents/{id}/ordering-duties/acknowledge"] = [Roles.ComplianceLead, Roles.Approver],
        ["POST /api/incidents/{id}/generic-content-justifications"] = Leads,
        ["GET /api/campaigns/{campaignId}/ordering"] = Readers,
        ["GET /api/obligations"] = Readers,
        ["GET /api/deadlines"] = Readers,
        ["POST /api/admin/api-keys"] = Admins,
        ["GET /api/admin/api-keys"] = Admins,
        ["POST /api/admin/api-keys/{id}/revoke"] = Admins,
        ["GET /api/admin/dead-letters"] = Admins,
        ["POST /api/admin/dead-letters/{id}/replay"] = Admins,
        ["POST /api/admin/dead-letters/{id}/discard"] = Admins,
        ["POST /api/privacy/erasures"] = Leads,
        ["POST /api/shops"] = Admins,
        ["GET /api/shops"] = [.. Readers, Roles.Admin],
        ["GET /api/shops/{name}"] = [.. Readers, Roles.Admin],
        ["POST /api/shops/{name}/rotate-credentials"] = Admins,
        ["POST /api/shops/{name}/change-prefix"] = Admins,
        ["POST /api/shops/{name}/deactivate"] = Admins,
        ["POST /api/shops/{name}/reactivate"] = Admins,
        ["GET /api/shops/{name}/monitoring"] = [.. Readers, Roles.Admin],
        ["POST /api/shops/{name}/monitoring/passes"] = Recorders,
        ["POST /api/shops/{name}/monitoring/accept"] = Recorders,
        ["POST /api/shops/{name}/monitoring/schedule"] = Admins,
        ["GET /api/approvals"] = Readers,
        ["POST /api/incidents/{id}/containment"] = Recorders,
        ["GET /api/incidents/{id}/containment"] = Readers,
        ["POST /api/incidents/{id}/containment/runs/{runId}/steps/{step}/approve"] = [Roles.ComplianceLead, Roles.Approver],
        ["POST /api/incidents/{id}/containment/runs/{runId}/steps/{step}/complete"] = Recorders,
        ["POST /api/incidents/{id}/containment/runs/{runId}/steps/{step}/retry"] = Recorders,
        ["POST /api/incidents/{id}/containment/runs/{runId}/steps/{step}/skip"] = Recorders,
        ["POST /api/incidents/{id}/containment/runs/{runId}/steps/{step}/rollback"] = Recorders,
        ["POST /api/incidents/{id}/containment/runs/{runId}/supersede"] = Leads,
        ["GET /api/playbooks"] = Readers,
        ["GET /api/playbooks/{playbook}"] = Readers,
        ["GET /api/incidents/{id}/evidence"] = Readers,
        ["GET /api/incidents/{id}/evidence/{evidenceId}/files/{file}"] = [Roles.Responder, Roles.ComplianceLead, Roles.Auditor],
        ["POST /api/incidents/{id}/evidence/{evidenceId}/verify"] = Readers,
        ["POST /api/incidents/{id}/evidence/{evidenceId}/destroy"] = Leads,
        ["POST /api/incidents/{id}/evidence/{evidenceId}/encrypt"] = Admins,
        ["GET /api/incidents/{id}/evidence/hold"] = Readers,
        ["POST /api/incidents/{id}/evidence/hold"] = Leads,
        ["POST /api/incidents/{id}/evidence/hold/lift"] = Leads,
        ["POST /api/notice-templates"] = Leads,
        ["GET /api/notice-templates"] = Readers,
        ["GET /api/notice-templates/examples"] = Readers,
        ["GET /api/notice-templates/examples/{jurisdiction}"] = Readers,
        ["GET /api/notice-templates/{templateId}/versions/{version}"] = Readers,
        ["POST /api/notice-templates/{templateId}/versions/{version}/approve"] = Leads,
        ["POST /api/notice-templates/{templateId}/versions/{version}/preview"] = Readers,
        ["POST /api/incidents/{id}/campaigns"] = Leads,
        ["GET /api/incidents/{id}/campaigns"] = Readers,
        ["POST /api/campaigns/{campaignId}/approve"] = [Roles.ComplianceLead, Roles.Approver],
        ["POST /api/campaigns/{campaignId}/pause"] = Leads,
        ["POST /api/campaigns/{campaignId}/resume"] = Leads,
        ["POST /api/campaigns/{campaignId}/cancel"] = Leads,
        ["GET /api/campaigns/{campaignId}"] = Readers,
        ["GET /api/campaigns/{campaignId}/deliveries"] = Readers,
        ["GET /api/campaigns/{campaignId}/deliveries/{personId}/proof"] = Readers,
        ["POST /api/incidents/{id}/submissions/draft"] = Leads,
        ["POST /api/incidents/{id}/submissions"] = Leads,
        ["GET /api/incidents/{id}/audit-report"] = Readers,
        ["GET /api/audit-reports"] = Readers,
        ["GET /api/audit-log"] = Readers,
        ["GET /api/feed"] = FeedReaders,
        ["GET /api/feed/types"] = FeedReaders,
        ["GET /api/feed/types/{type}/schema"] = FeedReaders,
        ["POST /api/feed/subscriptions"] = Integrators,
        ["GET /api/feed/subscriptions"] = FeedOverseers,
        ["GET /api/feed/subscriptions/{id}"] = FeedOverseers,
        ["POST /api/feed/subscriptions/{id}/pause"] = FeedOverseers,
        ["POST /api/feed/subscriptions/{id}/resume"] = Integrators,
        ["POST /api/feed/subscriptions/{id}/replay"] = Integrators,
        ["POST /api/feed/subscriptions/{id}/revoke"] = FeedOverseers,
        ["GET /api/incidents/{id}/chain"] = Readers,
        ["GET /api/chain/verify"] = Readers,
        ["POST /api/chain/checkpoints"] = Readers,
        ["GET /api/chain/checkpoints"] = Readers,
        ["GET /api/chain/checkpoints/{id}"] = Readers,
        ["GET /api/scenarios"] = Readers,
        ["POST /api/exercises"] = Leads,
        ["GET /api/exercises"] = Readers,
        ["GET /api/exercises/{id}"] = Readers,
        ["POST /api/exercises/{id}/clock/advance"] = Leads,
        ["POST /api/exercises/{id}/clock/run"] = Leads,
        ["POST /api/exercises/{id}/clock/pause"] = Leads,
        ["POST /api/exercises/{id}/end"] = Leads,
        ["GET /api/exercises/{id}/report"] = Readers,
        ["GET /api/exercises/{id}/report/exports"] = Readers,
        ["GET /api/readiness/exercise-schedule"] = Readers,
        ["POST /api/readiness/exercise-schedule"] = [Roles.ComplianceLead, Roles.Admin],
        ["GET /api/readiness/policy"] = Readers,
        ["POST /api/readiness/policy"] = Leads,
        ["POST /api/incidents/{id}/review"] = Recorders,
        ["GET /api/incidents/{id}/review"] = Readers,
        ["GET /api/reviews/{id}"] = Readers,
        ["POST /api/reviews/{id}/findings"] = Recorders,
        ["POST /api/reviews/{id}/actions"] = Recorders,
        ["POST /api/reviews/{id}/actions/{actionId}/done"] = Recorders,
        ["POST /api/reviews/{id}/complete"] = Leads,
        ["GET /api/metrics"] = Readers,
        ["POST /api/proposals"] = Recorders,
        ["GET /api/proposals"] = Readers,
        ["GET /api/proposals/{id}"] = Readers,
        ["POST /api/proposals/{id}/accept"] = Leads,
        ["POST /api/proposals/{id}/reject"] = Leads,
        ["POST /api/alert-sources"] = Admins,
        ["GET /api/alert-sources"] = Admins,
        ["GET /api/alert-sources/{id}"] = Admins,
        ["GET /api/alert-formats"] = [.. Roles.All],
        ["POST /api/alerts"] = [Roles.Integrator, Roles.Responder],
        ["GET /api/alerts"] = Readers,
        ["GET /api/alerts/{id}"] = Readers,
        ["GET /api/alerts/{id}/payloads/{payloadId}"] = [Roles.Responder, Roles.ComplianceLead, Roles.Auditor],
        ["GET /api/incidents/{id}/alerts"] = Readers,
        ["GET /api/triage"] = Readers,
        ["GET /api/triage/{id}"] = Readers,
        ["POST /api/triage/{id}/acknowledge"] = Recorders,
        ["POST /api/triage/{id}/promote"] = Recorders,
        ["POST /api/triage/{id}/attach"] = Recorders,
        ["POST /api/triage/{id}/dismiss"] = Recorders,
        ["POST /api/incidents/{id}/mark-duplicate"] = Recorders,
        ["GET /api/triage/sla"] = Readers,
        ["POST /api/on-call/roster"] = Admins,
        ["GET /api/on-call/roster"] = Admins,
        ["GET /api/pages"] = Readers,
        ["GET /api/pages/{id}"] = Readers,
        ["POST /api/pages/{id}/acknowledge"] = [Roles.Responder, Roles.ComplianceLead, Roles.Approver],
        ["POST /api/pages/acknowledge-by-link"] = [],
    };

    /// <summary>Endpoints whose credential is a signed link in the body, not a role: 401 to every caller without a valid one.</summary>
    private static readonly HashSet<string> SignedLinks = ["POST /api/pages/acknowledge-by-link"];

    [Fact]
    public async Task every_documented_endpoint_is_in_the_matrix_and_enforces_it()
    {
        var operations = await DocumentedOperationsAsync();
        operations.Should().BeEquivalentTo(Matrix.Keys, "each endpoint in the OpenAPI document needs a row in the role matrix, and each row an endpoint");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var anonymous = await CallAsync(operation, token: null);
            if (anonymous != 401)
            {
                failures.Add($"{operation} without credentials answered {anonymous}, expected 401");
            }

            foreach (var role in SignedLinks.Contains(operation) ? Array.Empty<string>() : Roles.All)
            {
                var status = await CallAsync(operation, TokenFor($"{role}@matrix.test", "matrix-org", role));
                var allowed = Matrix[operation].Contains(role);
                if (allowed && status is 401 or 403)
                {
                    failures.Add($"{operation} as {role} answered {status}, but {role} may use it");
                }
                else if (!allowed && status != 403)
                {
                    failures.Add($"{operation} as {role} answered {status}, expected 403");
                }
            }
        }

        failures.Should().BeEmpty("the role matrix must hold for every endpoint and role");
    }

    private async Task<List<string>> DocumentedOperationsAsync()
    {
        var document = await Api.GetAsync("/openapi/v1.json");
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial System.Text.RegularExpressions.Regex RouteValues();

    // Path ids are random, bodies empty: an allowed caller gets 404 or 422, and nothing is written.
    private async Task<int> CallAsync(string operation, string? token)
    {
        var (method, path) = (operation.Split(' ')[0], RouteValues().Replace(operation.Split(' ')[1], m => m.Value switch
        {
            "{version}" => "1",
            _ when m.Value.EndsWith("id}", StringComparison.OrdinalIgnoreCase) => Guid.NewGuid().ToString(),
            _ => "matrix",
        }));
        var result = await Host.Scenario(x =>
        {
            if (method == "GET")
            {
                x.Get.Url(path);
            }
            else
            {
                x.Post.RawJson("{}").ToUrl(path);
            }

            if (token is not null)
            {
                x.WithRequestHeader("Authorization", $"Bearer {token}");
            }

            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }
}
