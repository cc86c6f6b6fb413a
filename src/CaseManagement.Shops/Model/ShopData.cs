namespace CaseManagement.Shops.Model;

/// <summary>A postal address as both platforms keep it on orders and customers. Country is ISO 3166-1 alpha-2.</summary>
/// <param name="State">WooCommerce state code (e.g. "CA") or Magento region code; free text where the platform has no list.</param>
public sealed record ShopAddress(
    string FirstName,
    string LastName,
    string? Company,
    string Street1,
    string? Street2,
    string City,
    string? State,
    string Postcode,
    string Country,
    string? Email,
    string? Phone);

/// <summary>A registered customer account (WordPress user with the customer role, or Magento customer_entity).</summary>
public sealed record ShopCustomer(
    long Id,
    string Email,
    string FirstName,
    string LastName,
    DateTimeOffset RegisteredAt,
    ShopAddress? Billing,
    ShopAddress? Shipping,
    DateOnly? DateOfBirth = null,
    int WebsiteId = 1);

/// <summary>
/// An order (or a refund of one). <paramref name="CustomerId"/> is null for a guest checkout.
/// <paramref name="CreatedAt"/> is the instant; writers store it in each platform's own convention
/// (UTC columns, and WordPress's site-local post_date beside post_date_gmt).
/// </summary>
public sealed record ShopOrder(
    long Id,
    long? CustomerId,
    string Email,
    DateTimeOffset CreatedAt,
    string Status,
    ShopAddress Billing,
    ShopAddress? Shipping,
    string PaymentMethod,
    string? CardLast4,
    string? CardType,
    string? IpAddress,
    decimal Total,
    bool IsRefund = false,
    long? ParentOrderId = null,
    int StoreId = 1);
