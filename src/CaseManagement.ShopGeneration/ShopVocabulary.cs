namespace CaseManagement.ShopGeneration;

/// <summary>
/// Platform-neutral values the generator puts on <see cref="Model.ShopOrder"/>, and how each writer spells
/// them. Values the writers do not know (say a hand-written "stripe" or "wc-processing") pass through as given.
/// </summary>
public static class ShopVocabulary
{
    public const string CardPayment = "card";
    public const string PayPal = "paypal";
    public const string BankTransfer = "bank_transfer";
    public const string CashOnDelivery = "cash_on_delivery";

    public const string Visa = "visa";
    public const string Mastercard = "mastercard";
    public const string Amex = "amex";
    public const string Discover = "discover";

    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string OnHold = "on-hold";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";
    public const string Failed = "failed";

    /// <summary>WooCommerce gateway id and title (wc_orders.payment_method / payment_method_title).</summary>
    internal static (string Id, string Title) WooCommerceGateway(string method) => method switch
    {
        CardPayment => ("stripe", "Credit / Debit Card"),
        PayPal => ("ppcp-gateway", "PayPal"),
        BankTransfer => ("bacs", "Direct bank transfer"),
        CashOnDelivery => ("cod", "Cash on delivery"),
        _ => (method, method),
    };

    /// <summary>WooCommerce order status with its <c>wc-</c> prefix, as stored in posts and wc_orders.</summary>
    internal static string WooCommerceStatus(string status) =>
        status.StartsWith("wc-", StringComparison.Ordinal) ? status : "wc-" + status;

    /// <summary>Magento payment method code (sales_order_payment.method) and its title.</summary>
    internal static (string Code, string Title) MagentoMethod(string method) => method switch
    {
        CardPayment => ("braintree", "Credit Card"),
        PayPal => ("paypal_express", "PayPal Express Checkout"),
        BankTransfer => ("banktransfer", "Bank Transfer Payment"),
        CashOnDelivery => ("cashondelivery", "Cash On Delivery"),
        _ => (method, method),
    };

    /// <summary>Magento's two-letter card codes (sales_order_payment.cc_type).</summary>
    internal static string? MagentoCardType(string? cardType) => cardType switch
    {
        null => null,
        Visa => "VI",
        Mastercard => "MC",
        Amex => "AE",
        Discover => "DI",
        _ => cardType,
    };

    /// <summary>
    /// Magento keeps a state (the workflow stage) and a status (its label); the default statuses share the
    /// state's name except on-hold, which Magento spells "holded".
    /// </summary>
    internal static (string State, string Status) MagentoState(string status)
    {
        var neutral = status.StartsWith("wc-", StringComparison.Ordinal) ? status[3..] : status;
        return neutral switch
        {
            Pending => ("new", "pending"),
            Processing => ("processing", "processing"),
            OnHold => ("holded", "holded"),
            Completed => ("complete", "complete"),
            Cancelled or Failed => ("canceled", "canceled"),
            Refunded => ("closed", "closed"),
            _ => (neutral, neutral),
        };
    }

    /// <summary>Whether money was taken, so payment dates and paid totals apply.</summary>
    internal static bool IsPaid(string status)
    {
        var neutral = status.StartsWith("wc-", StringComparison.Ordinal) ? status[3..] : status;
        return neutral is Processing or Completed or Refunded;
    }

    internal static bool IsCompleted(string status)
    {
        var neutral = status.StartsWith("wc-", StringComparison.Ordinal) ? status[3..] : status;
        return neutral is Completed or Refunded;
    }
}
