using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>What a responder's screen shows of a containment run, and the waits a person does while it works.</summary>
public static class ContainmentApi
{
    public static Task<JsonNode> StartAsync(this IncidentApi api, Guid id, string playbook, object parameters, int expectedStatus = 200) =>
        api.ActAsync(id, "containment", new { playbook, parameters, reason = "contain before the weekend sale" }, expectedStatus);

    /// <summary>A person's decision on a step of the incident's latest run; the answer is the run as the decision left it.</summary>
    public static async Task<JsonNode> DecideAsync(this IncidentApi api, Guid id, string step, string decision, object body, int expectedStatus = 200)
    {
        var runId = (await api.GetAsync($"/api/incidents/{id}/containment"))["latest"]!["runId"]!.GetValue<string>();
        return await api.ActAsync(id, $"containment/runs/{runId}/steps/{step}/{decision}", body, expectedStatus);
    }

    /// <summary>Waits until the latest run has the status (running, awaiting-approval, awaiting-manual-step, blocked, completed).</summary>
    public static Task<JsonNode> WaitForRunAsync(this IncidentApi api, Guid id, string status) =>
        api.WaitForAsync($"/api/incidents/{id}/containment", v => v["latest"]?["status"]?.GetValue<string>() == status);

    public static Task<JsonNode> WaitForStepAsync(this IncidentApi api, Guid id, string step, string status) =>
        api.WaitForAsync($"/api/incidents/{id}/containment", v => Step(v, step)?["status"]?.GetValue<string>() == status);

    public static JsonNode? Step(JsonNode view, string step) =>
        view["latest"]?["steps"]?.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<string>() == step);

    public static JsonNode StepOf(JsonNode view, string step) =>
        Step(view, step) ?? throw new Xunit.Sdk.XunitException($"no step '{step}' in {view.ToJsonString()}");

    public static IEnumerable<JsonNode> Events(JsonArray history, string type) =>
        history.Where(e => e!["type"]!.GetValue<string>() == type).Select(e => e!);

    public static void ShouldHaveSucceeded(this JsonNode step) =>
        step["status"]!.GetValue<string>().Should().Be("succeeded", "step {0} should have run: {1}", step["id"], step.ToJsonString());
}
