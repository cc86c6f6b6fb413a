using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// One token bucket per campaign and node, refilled at the campaign's rate per minute, shared by all its batches on this
/// node. A provider's limit is per account, so several nodes sending one campaign must divide the rate (ADR 11).
/// </summary>
public sealed class CampaignRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<Guid, RateLimiter> _limiters = new();

    public RateLimiter For(Campaign campaign) => _limiters.GetOrAdd(campaign.Id, _ =>
    {
        var perSecond = Math.Max(1, campaign.RatePerMinute / 60.0);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = (int)Math.Ceiling(perSecond),
            TokensPerPeriod = (int)Math.Ceiling(perSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Ceiling(perSecond / 10) / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    });

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
