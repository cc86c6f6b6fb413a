namespace CaseManagement.ShopGeneration;

/// <summary>What <see cref="ShopGenerator"/> produces. The same options and seed always give the same data.</summary>
/// <param name="Customers">Registered customers, ids 1..Customers, registered from a year before <paramref name="From"/> until <paramref name="To"/>.</param>
/// <param name="Orders">Orders and refunds together, ids 1..Orders in chronological order between <paramref name="From"/> and <paramref name="To"/>.</param>
/// <param name="GuestShare">Share of orders placed without an account.</param>
/// <param name="RefundShare">Share of paid orders that are later refunded in full (each refund is one of the <paramref name="Orders"/>).</param>
/// <param name="RepeatGuestShare">Share of guest orders by a guest who ordered before, often typing the e-mail in different case.</param>
/// <param name="MovedShare">Share of customers who move abroad: their later orders bill to another country while the account keeps the old address.</param>
/// <param name="CardShare">Share of orders paid by card (last four digits and brand recorded); the rest PayPal, bank transfer or cash on delivery.</param>
/// <param name="Ipv6Share">Share of orders placed from an IPv6 address.</param>
/// <param name="GuestWithAccountEmailShare">Share of guest orders that use the e-mail of an existing account without logging in.</param>
public sealed record ShopGenerationOptions(
    int Customers,
    int Orders,
    int Seed,
    DateTimeOffset From,
    DateTimeOffset To,
    double GuestShare = 0.3,
    double RefundShare = 0.03,
    double RepeatGuestShare = 0.2,
    double MovedShare = 0.05,
    double CardShare = 0.6,
    double Ipv6Share = 0.3,
    double GuestWithAccountEmailShare = 0.02)
{
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Customers);
        ArgumentOutOfRangeException.ThrowIfNegative(Orders);
        if (To <= From)
        {
            throw new ArgumentException("The generation window must end after it starts.", nameof(To));
        }

        foreach (var (share, name) in new[]
                 {
                     (GuestShare, nameof(GuestShare)), (RefundShare, nameof(RefundShare)), (RepeatGuestShare, nameof(RepeatGuestShare)),
                     (MovedShare, nameof(MovedShare)), (CardShare, nameof(CardShare)), (Ipv6Share, nameof(Ipv6Share)),
                     (GuestWithAccountEmailShare, nameof(GuestWithAccountEmailShare)),
                 })
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new ArgumentOutOfRangeException(name, share, "A share must lie between 0 and 1.");
            }
        }
    }
}

/// <summary>What <see cref="ShopGenerator"/>'s GenerateAsync wrote, and how long each part took (generation and writing overlap).</summary>
public sealed record ShopGenerationResult(long Customers, long Orders, TimeSpan CustomersElapsed, TimeSpan OrdersElapsed)
{
    public double OrdersPerSecond => OrdersElapsed > TimeSpan.Zero ? Orders / OrdersElapsed.TotalSeconds : 0;
}
