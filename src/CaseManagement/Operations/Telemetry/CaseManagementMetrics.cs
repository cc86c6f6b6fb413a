using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CaseManagement.Operations.Telemetry;

/// <summary>
/// The service's own instruments (docs/metrics.md names each Prometheus series). Counters are counted where the work
/// happens, on the node that does it; the gauges <see cref="OperationsSampler"/> reads are the same on every node.
/// </summary>
public static class CaseManagementMetrics
{
    public const string MeterName = "CaseManagement";

    /// <summary>Spans the service starts itself (the sampler's reads); the frameworks' own sources are added beside it.</summary>
    public const string ActivitySourceName = "CaseManagement";

    public static readonly Meter Meter = new(MeterName);

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Counter<long> CampaignDeliveries = Meter.CreateCounter<long>("casemanagement.campaign.deliveries", "{delivery}",
        "Campaign deliveries recorded, by organisation, channel and outcome (sent, failed, suppressed)");

    private static readonly Counter<long> ScopingRows = Meter.CreateCounter<long>("casemanagement.scoping.rows", "{row}",
        "Shop order rows a scoping run has read, by shop platform");

    private static readonly Counter<long> ScopingRuns = Meter.CreateCounter<long>("casemanagement.scoping.runs", "{run}",
        "Scoping runs finished, by shop platform and outcome (completed, failed)");

    /// <summary>Deliveries just recorded for a campaign batch.</summary>
    public static void DeliveriesRecorded(string organisation, IEnumerable<(string Channel, string Status)> deliveries)
    {
        foreach (var group in deliveries.GroupBy(d => d))
        {
            CampaignDeliveries.Add(group.Count(), new TagList
            {
                { "organisation", organisation }, { "channel", group.Key.Channel }, { "status", group.Key.Status },
            });
        }
    }

    /// <summary>Rows a scoping run read since its last report.</summary>
    public static void ScopingRowsRead(string platform, long rows)
    {
        if (rows > 0)
        {
            ScopingRows.Add(rows, new KeyValuePair<string, object?>("platform", platform));
        }
    }

    public static void ScopingRunFinished(string platform, string outcome) =>
        ScopingRuns.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("outcome", outcome));
}
