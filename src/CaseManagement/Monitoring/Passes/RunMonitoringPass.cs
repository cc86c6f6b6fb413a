using System.Diagnostics;
using System.Text.Json;
using CaseManagement.Alerts.Formats;
using CaseManagement.Alerts.Intake;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Monitoring.Passes;

/// <summary>One monitoring pass over a shop.</summary>
/// <param name="Chain">The schedule's chain this pass belongs to (the next pass is scheduled on it); null for a pass a person asked for now.</param>
public sealed record RunMonitoringPass(string Shop, Guid BaselineId, Guid? Chain);

/// <summary>What a pass did, as the person who asked for it sees it.</summary>
public sealed record MonitoringPassResult(string Shop, string Outcome, int Observed, IReadOnlyList<RaisedChange> Raised, IReadOnlyList<FindingToClear> Cleared,
    string? Problem, DateTimeOffset? NextPassAt);

public sealed record RaisedChange(string Key, string Change, string Description, Guid AlertId);

/// <summary>Monitoring as an alert source: every finding goes through the same intake, deduplication and correlation as POST /api/alerts.</summary>
public static class MonitoringSource
{
    /// <summary>Not a registered <see cref="Alerts.Sources.AlertSource"/> (nothing signs for it): the service's own source, the same id in every organisation.</summary>
    public static readonly Guid Id = Guid.Parse("019a0000-0000-7000-8000-00000000a0a1");

    public const string Name = "shop-monitoring";
    public const string Format = "monitoring";
    public const string Actor = "system:shop-monitoring";
}

/// <summary>
/// Runs a pass: reads the shop, decides against the baseline (<see cref="BaselineDecisions"/>), sends each finding to alert intake,
/// records the findings on the baseline's stream and the pass on the schedule, and schedules the next pass of the chain. A shop
/// that cannot be read is a failed pass in the log, and the chain goes on; a shop deactivated or gone stops the chain.
/// </summary>
public static class RunMonitoringPassHandler
{
    public static async Task<(MonitoringPassResult, OutgoingMessages)> Handle(RunMonitoringPass message, IDocumentSession session, IMessageContext context,
        PiiVault vault, IOptions<MonitoringOptions> options, DateTimeOffset now, ILogger<RunMonitoringPass> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var monitor = await session.LoadAsync<ShopMonitor>(message.Shop, ct);
        if (message.Chain is { } chain && (monitor is null || monitor.Chain != chain || !monitor.Running))
        {
            return (new MonitoringPassResult(message.Shop, "superseded", 0, [], [], "this scheduled pass belongs to a schedule that was replaced or stopped", null), outgoing);
        }

        var shop = await session.LoadAsync<RegisteredShop>(message.Shop, ct);
        if (shop is not { Active: true })
        {
            var why = shop is null ? "the shop is no longer registered" : $"the shop was deactivated ({shop.Deactivated!.Reason})";
            if (monitor is { Running: true })
            {
                monitor.StoppedBecause = why;
                monitor.StoppedAt = now;
                monitor.NextPassAt = null;
                session.Store(monitor);
            }

            return (new MonitoringPassResult(message.Shop, "stopped", 0, [], [], why, null), outgoing);
        }

        session.LastModifiedBy = MonitoringSource.Actor;
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        // Fetched for writing: a second pass over the same shop at the same time fails its version check and is retried on what this one recorded.
        var stream = await session.Events.FetchForWriting<ShopBaseline>(message.BaselineId, ct);
        var (observed, problem) = await ObserveAsync(shop, vault, session, TimeSpan.FromSeconds(settings.StatementTimeoutSeconds), ct);
        MonitoringPassResult result;
        if (observed is null)
        {
            logger.LogWarning("Monitoring pass on shop {Shop} failed: {Problem}", shop.Id, problem);
            result = new MonitoringPassResult(shop.Id, "failed", 0, [], [], problem, null);
        }
        else
        {
            var decision = BaselineDecisions.Decide(stream.Aggregate, observed, settings.Rules, now);
            if (decision.Baseline is { } baseline)
            {
                stream.AppendOne(new ShopBaselineRecorded(message.BaselineId, shop.Id, baseline));
            }

            var raised = new List<RaisedChange>();
            foreach (var finding in decision.Raise)
            {
                // Numbered by how often the key was raised: a retried pass sends the same reference (a sighting, not a second alert),
                // a change that went away and came back a new one.
                var reference = $"{shop.Id}/{finding.Key}/{finding.Digest}/{(stream.Aggregate?.Raised.GetValueOrDefault(finding.Key) ?? 0) + 1}";
                var alert = await context.InvokeForTenantAsync<IngestedAlert>(context.TenantId!, Alert(shop.Id, finding, reference), ct);
                stream.AppendOne(new ShopMonitoringFindingRaised(message.BaselineId, shop.Id, finding.Key, finding.Category, finding.Change, finding.Digest,
                    finding.Description, finding.Count, finding.Kind, finding.Severity, finding.Why, alert.AlertId, reference));
                raised.Add(new RaisedChange(finding.Key, finding.Change, finding.Description, alert.AlertId));
            }

            foreach (var gone in decision.Clear)
            {
                stream.AppendOne(new ShopMonitoringFindingCleared(message.BaselineId, shop.Id, gone.Key, gone.Digest, gone.Why));
            }

            var outcome = decision.Baseline is not null ? "baseline-recorded" : raised.Count + decision.Clear.Count == 0 ? "nothing-new" : "changes";
            result = new MonitoringPassResult(shop.Id, outcome, observed.Count, raised, decision.Clear, null, null);
        }

        monitor ??= Start(message.Shop, settings.IntervalMinutes, now);
        monitor.Record(new MonitoringPassLog(now, result.Outcome, result.Observed, result.Raised.Count, result.Cleared.Count, clock.ElapsedMilliseconds, result.Problem));
        if (message.Chain is { } next)
        {
            monitor.NextPassAt = now.AddMinutes(monitor.IntervalMinutes);
            outgoing.Add(message.ScheduledAt(monitor.NextPassAt.Value));
        }

        session.Store(monitor);
        return (result with { NextPassAt = monitor.NextPassAt }, outgoing);
    }

    /// <summary>What the shop holds now, or why it could not be read (a failed pass, not a crash).</summary>
    private static async Task<(IReadOnlyList<WatchedItem>?, string?)> ObserveAsync(RegisteredShop shop, PiiVault vault, IQuerySession session, TimeSpan timeout,
        CancellationToken ct)
    {
        Shops.Model.ShopConnectionSettings connection;
        try
        {
            connection = await shop.ReadSettingsAsync(vault, session, ct);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }

        try
        {
            return (await ShopObservation.ReadAsync(connection, timeout, ct), null);
        }
        catch (Exception ex) when (ShopObservation.IsShopFailure(ex))
        {
            return (null, ex.Message);
        }
    }

    internal static ShopMonitor Start(string shop, int intervalMinutes, DateTimeOffset now) =>
        new() { Id = shop, IntervalMinutes = intervalMinutes, Chain = Guid.CreateVersion7(now), StartedAt = now };

    private static IngestAlert Alert(string shop, FindingToRaise finding, string reference)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            shop, key = finding.Key, category = ApiJson.WireName(finding.Category), change = finding.Change, digest = finding.Digest,
            description = finding.Description, count = finding.Count, why = finding.Why,
        }, JsonSerializerOptions.Web);
        var facts = new AlertFacts(reference, null, Title(finding), $"{finding.Description}; {finding.Why}.", finding.Severity, finding.Kind, shop, finding.Key,
            $"{ApiJson.WireName(finding.Category)}:{finding.Change}");
        // Findings name accounts and their e-mail addresses: kept encrypted like any payload that may hold personal data.
        return new IngestAlert(MonitoringSource.Id, MonitoringSource.Name, MonitoringSource.Format, facts, payload, "application/json", PersonalData: true,
            DeduplicationWindowMinutes: Alerts.Sources.AlertSource.DefaultDeduplicationWindowMinutes, DeliveryId: null, Actor: MonitoringSource.Actor);
    }

    private static string Title(FindingToRaise f) => (f.Category, f.Change) switch
    {
        (WatchedCategory.Skimmer, _) => "Skimmer signs in the shop's pages",
        (WatchedCategory.Admin, BaselineDecisions.Changed) => "Back-office account's rights changed",
        (WatchedCategory.Admin, _) => "New back-office account",
        (WatchedCategory.Credential, BaselineDecisions.Changed) => "API credential or webhook changed",
        (WatchedCategory.Credential, _) => "New API credential or webhook",
        (WatchedCategory.Extension, BaselineDecisions.Removed) => "Extension no longer active",
        (WatchedCategory.Extension, BaselineDecisions.Changed) => "Extension changed",
        (WatchedCategory.Extension, _) => "New extension active",
        (WatchedCategory.ExportSign, _) => "Bulk export in the shop",
        (WatchedCategory.FailedLogins, _) => "Burst of failed sign-ins",
        _ => "Shop change against the baseline",
    };
}
