using CaseManagement.Shops.Model;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// The tax and shipping parts of an order total, which <see cref="ShopOrder"/> does not carry: tax is 7%
/// included in the total, shipping a flat 4.99 below 50 (free above) when something is shipped. A refund
/// (negative total) gets the negated parts of its amount.
/// </summary>
internal readonly record struct OrderAmounts(decimal Tax, decimal Shipping)
{
    public static OrderAmounts Of(ShopOrder order)
    {
        var sign = order.Total < 0 ? -1m : 1m;
        var total = Math.Abs(order.Total);
        var shipping = order.Shipping is null || order.IsRefund || total >= 50m || total < 10m ? 0m : 4.99m;
        var tax = Math.Round((total - shipping) * 0.07m / 1.07m, 2, MidpointRounding.AwayFromZero);
        return new OrderAmounts(sign * tax, sign * shipping);
    }

    public decimal Subtotal(decimal total) => total - Tax - Shipping;
}
