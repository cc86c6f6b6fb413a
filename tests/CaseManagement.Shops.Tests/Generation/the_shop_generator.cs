using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Generation;

public sealed class the_shop_generator
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // One enumeration shared by the distribution tests; the generator is lazy, so this is the expensive part.
    private static readonly Lazy<(ShopCustomer[] Customers, ShopOrder[] Orders)> Sample = new(() =>
    {
        var generator = new ShopGenerator(new ShopGenerationOptions(2_000, 20_000, Seed: 11, From, To));
        return (generator.Customers().ToArray(), generator.Orders().ToArray());
    });

    [Fact]
    public void the_same_seed_gives_the_same_shop_and_another_seed_another()
    {
        var options = new ShopGenerationOptions(500, 2_000, Seed: 42, From, To);

        var first = new ShopGenerator(options);
        var second = new ShopGenerator(options);
        var other = new ShopGenerator(options with { Seed = 43 });

        second.Customers().Take(200).Should().Equal(first.Customers().Take(200));
        second.Orders().Take(500).Should().Equal(first.Orders().Take(500));
        other.Customers().Take(50).Should().NotEqual(first.Customers().Take(50));
        first.Orders().Skip(1_000).First().Should().Be(first.Orders().Skip(1_000).First(), "enumerating again changes nothing");
    }

    [Fact]
    public void ids_are_sequential_and_orders_chronological_within_the_window()
    {
        var (customers, orders) = Sample.Value;

        customers.Select(c => c.Id).Should().Equal(Enumerable.Range(1, 2_000).Select(i => (long)i));
        orders.Select(o => o.Id).Should().Equal(Enumerable.Range(1, 20_000).Select(i => (long)i));
        orders.Select(o => o.CreatedAt).Should().BeInAscendingOrder();
        orders.Should().OnlyContain(o => o.CreatedAt >= From && o.CreatedAt < To && o.CreatedAt.Offset == TimeSpan.Zero);
        orders.Should().OnlyContain(o => o.CreatedAt.Ticks % TimeSpan.TicksPerSecond == 0, "the platforms store whole seconds");
        customers.Should().OnlyContain(c => c.RegisteredAt >= From.AddDays(-365) && c.RegisteredAt < To);
        customers.Select(c => c.Email.ToLowerInvariant()).Should().OnlyHaveUniqueItems();
        orders.Where(o => o.CustomerId is { } id).Should().OnlyContain(o => customers[o.CustomerId!.Value - 1].RegisteredAt <= o.CreatedAt,
            "nobody orders before registering");
    }

    [Fact]
    public void guests_countries_and_states_follow_the_configured_distribution()
    {
        var orders = Sample.Value.Orders.Where(o => !o.IsRefund).ToArray();

        orders.Count(o => o.CustomerId is null).Should().BeCloseTo(orders.Length * 3 / 10, (uint)(orders.Length / 20));
        orders.Count(o => o.Billing.Country == "US").Should().BeCloseTo(orders.Length * 45 / 100, (uint)(orders.Length / 20));
        orders.Select(o => o.Billing.Country).Distinct().Should().Contain(["US", "DE", "FR", "GB", "NL", "IT", "ES", "CA", "AU", "BR", "JP"]);

        var usStates = orders.Where(o => o.Billing.Country == "US").GroupBy(o => o.Billing.State).ToDictionary(g => g.Key!, g => g.Count());
        usStates.Keys.Should().NotContainNulls().And.Contain(["CA", "TX", "NY", "FL"]);
        usStates["CA"].Should().BeGreaterThan(usStates["NY"]).And.BeGreaterThan(usStates.GetValueOrDefault("WY"));
        orders.Where(o => o.Billing.Country == "CA").Select(o => o.Billing.State).Should().Contain(["ON", "QC", "BC"]);
        orders.Where(o => o.Billing.Country is "GB" or "FR" or "NL").Should().OnlyContain(o => o.Billing.State == null);
        orders.Where(o => o.Billing.Country == "DE" && o.Billing.State != null).Should().OnlyContain(o => o.Billing.State!.StartsWith("DE-"));
    }

    [Fact]
    public void names_come_in_several_scripts()
    {
        var names = Sample.Value.Orders.Select(o => o.Billing.LastName).Distinct().ToArray();

        names.Any(n => n.Any(c => c is >= '\u4E00' and <= '\u9FFF')).Should().BeTrue("there are Chinese and Japanese names");
        names.Any(n => n.Any(c => c is >= '\u0400' and <= '\u04FF')).Should().BeTrue("there are Russian names");
        names.Any(n => n.Any(c => c is 'é' or 'ü' or 'ö' or 'ç' or 'ñ' or 'ã' or 'ß' or 'á')).Should().BeTrue("there are accented Latin names");
        Sample.Value.Orders.Should().OnlyContain(o => o.Email.All(char.IsAscii), "e-mail addresses stay ASCII");
    }

    [Fact]
    public void returning_guests_reuse_their_email_in_different_case()
    {
        var guestEmails = Sample.Value.Orders.Where(o => o.CustomerId is null && !o.IsRefund).Select(o => o.Email).ToArray();

        var returning = guestEmails.GroupBy(e => e, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToArray();
        returning.Length.Should().BeGreaterThan(100);
        returning.Should().Contain(g => g.Distinct(StringComparer.Ordinal).Count() > 1, "the same address typed once with capitals");
    }

    [Fact]
    public void some_customers_move_abroad_and_later_bill_to_another_country()
    {
        var (customers, orders) = Sample.Value;

        var moved = orders
            .Where(o => o.CustomerId is { } id && !o.IsRefund && o.Billing.Country != customers[id - 1].Billing!.Country)
            .Select(o => o.CustomerId)
            .Distinct()
            .ToArray();

        moved.Should().NotBeEmpty();
        foreach (var id in moved.Take(20))
        {
            var theirs = orders.Where(o => o.CustomerId == id && !o.IsRefund).ToArray();
            var firstAbroad = theirs.First(o => o.Billing.Country != customers[id!.Value - 1].Billing!.Country).CreatedAt;
            theirs.Where(o => o.CreatedAt > firstAbroad).Should().OnlyContain(
                o => o.Billing.Country != customers[id!.Value - 1].Billing!.Country, "after moving they keep billing abroad");
        }
    }

    [Fact]
    public void refunds_follow_the_orders_they_refund()
    {
        var orders = Sample.Value.Orders;
        var byId = orders.ToDictionary(o => o.Id);

        var refunds = orders.Where(o => o.IsRefund).ToArray();
        refunds.Length.Should().BeCloseTo(orders.Length * 3 / 100 * 86 / 100, 120, "3% of the completed and processing orders");
        foreach (var refund in refunds)
        {
            var original = byId[refund.ParentOrderId!.Value];
            original.IsRefund.Should().BeFalse();
            original.Id.Should().BeLessThan(refund.Id);
            original.Status.Should().Be(ShopVocabulary.Refunded);
            refund.Total.Should().Be(-original.Total);
            refund.CustomerId.Should().Be(original.CustomerId);
            refund.Email.Should().Be(original.Email);
        }

        orders.Where(o => o.Status == ShopVocabulary.Refunded).Select(o => o.Id)
            .Should().BeEquivalentTo(refunds.Select(r => r.ParentOrderId!.Value), "every refunded order has its refund");
    }

    [Fact]
    public void card_payments_record_the_last_four_digits_and_addresses_are_IPv4_or_IPv6()
    {
        var orders = Sample.Value.Orders.Where(o => !o.IsRefund).ToArray();

        var cards = orders.Where(o => o.PaymentMethod == ShopVocabulary.CardPayment).ToArray();
        cards.Length.Should().BeCloseTo(orders.Length * 6 / 10, (uint)(orders.Length / 20));
        cards.Should().OnlyContain(o => o.CardLast4!.Length == 4 && o.CardLast4.All(char.IsAsciiDigit) && o.CardType != null);
        orders.Where(o => o.PaymentMethod != ShopVocabulary.CardPayment).Should().OnlyContain(o => o.CardLast4 == null && o.CardType == null);

        orders.All(o => System.Net.IPAddress.TryParse(o.IpAddress, out var _)).Should().BeTrue();
        orders.Count(o => o.IpAddress!.Contains(':')).Should().BeCloseTo(orders.Length * 3 / 10, (uint)(orders.Length / 20));
    }

    [Fact]
    public void options_outside_their_range_are_refused()
    {
        FluentActions.Invoking(() => new ShopGenerator(new ShopGenerationOptions(1, 1, 1, To, From))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ShopGenerator(new ShopGenerationOptions(1, 1, 1, From, To, GuestShare: 1.5))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
