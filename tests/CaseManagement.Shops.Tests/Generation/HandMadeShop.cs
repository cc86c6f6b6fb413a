using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Tests.Generation;

/// <summary>
/// A small shop whose every row is known: two customers (one with a name in Japanese script), a guest who
/// orders twice typing her e-mail in different case, a refund, and an order placed shortly before midnight
/// UTC, which is already the next day in Berlin.
/// </summary>
internal static class HandMadeShop
{
    public static readonly ShopAddress AnnaBilling = new(
        "Anna", "Schmidt", null, "Torstraße 12", "Hinterhaus", "Berlin", "DE-BE", "10119", "DE", "anna.schmidt@example.com", "+49 30 1234567");

    public static readonly ShopAddress HanakoBilling = new(
        "花子", "山田", "株式会社テスト", "桜町1-2-3", null, "東京", "JP13", "100-0001", "JP", "hanako@example.jp", "03-1234-5678");

    public static readonly ShopAddress MiaBilling = new(
        "Mia", "Lopez", null, "1 Market St", "Apt 5", "San Francisco", "CA", "94105", "US", "Mia.Lopez@Guest.example", "+1 415 555 0100");

    public static readonly ShopCustomer Anna = new(
        1, "anna.schmidt@example.com", "Anna", "Schmidt", new DateTimeOffset(2024, 1, 10, 9, 0, 0, TimeSpan.Zero),
        AnnaBilling, AnnaBilling with { Email = null }, new DateOnly(1988, 4, 2));

    public static readonly ShopCustomer Hanako = new(
        2, "hanako@example.jp", "花子", "山田", new DateTimeOffset(2024, 2, 1, 3, 30, 0, TimeSpan.Zero),
        HanakoBilling, null);

    /// <summary>23:15 UTC on 5 March 2024 is 00:15 on 6 March in Berlin (CET, UTC+1).</summary>
    public static readonly ShopOrder AnnasLateOrder = new(
        101, 1, Anna.Email, new DateTimeOffset(2024, 3, 5, 23, 15, 0, TimeSpan.Zero), ShopVocabulary.Completed,
        AnnaBilling, AnnaBilling with { Email = null }, ShopVocabulary.PayPal, null, null, "2a02:8108:1:2::5", 59.90m);

    public static readonly ShopOrder MiasFirstOrder = new(
        102, null, "Mia.Lopez@Guest.example", new DateTimeOffset(2024, 3, 6, 10, 0, 0, TimeSpan.Zero), ShopVocabulary.Processing,
        MiaBilling, MiaBilling with { Email = null }, ShopVocabulary.CardPayment, "4242", ShopVocabulary.Visa, "203.0.113.7", 25.00m);

    public static readonly ShopOrder MiasSecondOrder = new(
        103, null, "mia.lopez@guest.example", new DateTimeOffset(2024, 3, 8, 18, 45, 0, TimeSpan.Zero), ShopVocabulary.Completed,
        MiaBilling with { Email = "mia.lopez@guest.example" }, null, ShopVocabulary.BankTransfer, null, null, "203.0.113.8", 12.50m);

    public static readonly ShopOrder HanakosOrder = new(
        104, 2, Hanako.Email, new DateTimeOffset(2024, 3, 9, 1, 0, 0, TimeSpan.Zero), ShopVocabulary.Refunded,
        HanakoBilling, HanakoBilling with { Email = null }, ShopVocabulary.CardPayment, "5454", ShopVocabulary.Mastercard, "198.51.100.20", 120.00m);

    public static readonly ShopOrder HanakosRefund = new(
        105, 2, Hanako.Email, new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero), ShopVocabulary.Completed,
        HanakoBilling, null, ShopVocabulary.CardPayment, null, null, null, -120.00m, IsRefund: true, ParentOrderId: 104);

    public static readonly ShopCustomer[] Customers = [Anna, Hanako];

    public static readonly ShopOrder[] Orders = [AnnasLateOrder, MiasFirstOrder, MiasSecondOrder, HanakosOrder, HanakosRefund];
}
