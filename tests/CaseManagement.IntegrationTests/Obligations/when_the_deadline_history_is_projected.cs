using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Api;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>
/// The deadline history the pages read is kept inline with the incident's stream (ADR 40): it must be exactly the history
/// a fresh fold of the stored events gives, now and cut at every earlier version, for an incident whose awareness and
/// clocks were corrected and whose counts changed, recorded through the API by the service's own clock.
/// </summary>
public sealed class when_the_deadline_history_is_projected(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task the_projected_history_equals_a_fresh_fold_now_and_at_every_version()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z", reason = "skimmer confirmed" });
        await Api.ActAsync(id, "facts/affected-counts", new
        {
            counts = new object[] { new { residence = "DE", count = 3000 }, new { residence = "US-CA", count = 1200 } },
            basis = "orders with card payments",
        });
        await Api.ActAsync(id, "facts/data-categories", new { categories = new[] { "payment-card", "name", "email" } });
        await Api.ActAsync(id, "facts/encryption", new { status = "unencrypted", reason = "read in the browser" });
        await Api.ActAsync(id, "correct-awareness", new { awareAt = "2026-03-01T21:00:00Z", reason = "host logs show it the evening before" });
        await Api.ActAsync(id, "facts/clocks", new { clock = "determination", at = "2026-03-03T10:00:00Z", reason = "forensics report" });
        await Api.ActAsync(id, "facts/clocks", new { clock = "determination", at = "2026-03-03T08:00:00Z", reason = "report dated earlier" });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "US-CA", count = 400 } }, basis = "deduplicated" });
        await Api.ActAsync(id, "correct-awareness", new { awareAt = "2026-03-02T07:30:00Z", reason = "the evening alert was another shop's" });
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        var events = await session.Events.FetchStreamAsync(id);

        var kept = await session.LoadAsync<DeadlineHistory>(id);

        kept.Should().NotBeNull("the history is written with the incident's events");
        var fold = DeadlineHistory.Fold(events, EvaluationOptions.Default, CatalogueStore.Embedded);
        kept!.FirstVersion.Should().Be(1, "the projection saw the stream from its detection");
        (await DeadlineHistory.KeptAsync(session, id, CancellationToken.None)).Should().NotBeNull("the readers must take the kept history, not fold");
        kept.Version.Should().Be(events.Count);
        kept.Changes.Should().BeEquivalentTo(fold.Changes, o => o.WithStrictOrdering(), "the projected history must be the one folded from the stored events");
        kept.Changes["eu-gdpr-art33-sa"].Select(c => c.Cause).Should().Contain("awareness_corrected", "the test needs corrections that move a deadline");
        for (var version = 1; version <= events.Count; version++)
        {
            var prefix = events.Take(version).ToList();
            var read = await DeadlineHistory.AtAsync(session, id, prefix, CancellationToken.None);
            var folded = DeadlineHistory.Fold(prefix, EvaluationOptions.Default, CatalogueStore.Embedded);
            read.Version.Should().Be(version);
            read.Changes.Should().BeEquivalentTo(folded.Changes, o => o.WithStrictOrdering(), "the history as of version {0} is the kept one cut there", version);
            read.State.Should().BeEquivalentTo(folded.State, "the facts as of version {0}", version);
        }
    }

    [Fact]
    public async Task a_history_kept_under_other_rules_is_not_read_and_the_deadlines_are_folded_instead()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(Organisation))
        {
            var stale = await session.LoadAsync<DeadlineHistory>(id);
            stale!.RulesBuild = Guid.NewGuid();
            stale.Changes.Clear();
            session.Store(stale);
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession(Organisation);
        (await DeadlineHistory.KeptAsync(query, id, CancellationToken.None)).Should().BeNull("it was evaluated under rules that are not the running ones");
        var gdpr = (await Api.GetAsync($"/api/incidents/{id}/deadlines"))["obligations"]!.AsArray()
            .Single(o => o!["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa")!;
        gdpr["history"]!.AsArray().Should().NotBeEmpty("the history is folded from the stream, not read from the emptied stale document");
    }

    [Fact]
    public async Task the_deadlines_answered_now_are_the_timeline_folded_from_the_stream()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });
        await Api.ActAsync(id, "correct-awareness", new { awareAt = "2026-03-02T06:00:00Z", reason = "earlier alert found" });

        var answered = await Api.GetAsync($"/api/incidents/{id}/deadlines");

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        var folded = DeadlineViews.Filter(DeadlineTimeline.Build(id, await session.Events.FetchStreamAsync(id),
            DateTimeOffset.Parse(answered["evaluatedAt"]!.GetValue<string>()), EvaluationOptions.Default, CatalogueStore.Embedded), null);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(json);
        var expected = JsonSerializer.SerializeToNode(folded, json);
        JsonNode.DeepEquals(answered, expected).Should().BeTrue("GET /deadlines reads the projected history and must answer what the fold answers:\n{0}\n{1}",
            answered.ToJsonString(), expected!.ToJsonString());
    }
}
