using System.Diagnostics;
using System.Globalization;
using Bogus;
using Bogus.DataSets;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Schema;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// Generates a shop's customers and orders with Bogus, lazily and deterministically: every person is
/// derived from the seed and their own id, so the sequences can be enumerated again (or in parts) with the
/// same result and nothing is kept but small caches. Orders are chronological; a refund follows its order
/// within a few hundred ids and the refunded order carries status "refunded".
/// </summary>
public sealed class ShopGenerator
{
    private const ulong CustomerSalt = 0x63757374;
    private const ulong ProfileSalt = 0x70726f66;
    private const ulong GiftSalt = 0x67696674;
    private const ulong MoveSalt = 0x6d6f7665;
    private const ulong GuestSalt = 0x67756573;
    private const ulong OrderSalt = 0x6f726465;
    private const int CacheLimit = 50_000;
    private const int RefundDelayLimit = 300;

    private static readonly TimeSpan RegistrationLead = TimeSpan.FromDays(365);

    private static readonly (string Status, double Weight)[] Statuses =
    [
        (ShopVocabulary.Completed, 74), (ShopVocabulary.Processing, 12), (ShopVocabulary.OnHold, 2),
        (ShopVocabulary.Pending, 3), (ShopVocabulary.Cancelled, 5), (ShopVocabulary.Failed, 4),
    ];

    private static readonly (string Type, double Weight)[] CardTypes =
    [
        (ShopVocabulary.Visa, 55), (ShopVocabulary.Mastercard, 32), (ShopVocabulary.Amex, 9), (ShopVocabulary.Discover, 4),
    ];

    private static readonly (string Method, double Weight)[] OtherPayments =
    [
        (ShopVocabulary.PayPal, 60), (ShopVocabulary.BankTransfer, 25), (ShopVocabulary.CashOnDelivery, 15),
    ];

    private static readonly string[] Ipv6Prefixes = ["2a02", "2a01", "2003", "2600", "2601", "2406", "2804", "240d", "2a00"];

    private readonly DateTimeOffset registrationStart;
    private readonly TimeSpan registrationSpan;

    public ShopGenerator(ShopGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        registrationStart = options.From - RegistrationLead;
        registrationSpan = options.To - registrationStart;
    }

    public ShopGenerationOptions Options { get; }

    /// <summary>Registered customers, ids 1..<see cref="ShopGenerationOptions.Customers"/>, in order of registration.</summary>
    public IEnumerable<ShopCustomer> Customers()
    {
        var session = new Session(this);
        for (long id = 1; id <= Options.Customers; id++)
        {
            yield return session.Profile(id).Customer;
        }
    }

    /// <summary>Orders and refunds, ids 1..<see cref="ShopGenerationOptions.Orders"/>, in order of creation.</summary>
    public IEnumerable<ShopOrder> Orders()
    {
        var session = new Session(this);
        var random = new Random(StableRandom.Seed(Options.Seed, OrderSalt, 0));
        var span = Options.To - Options.From;
        var refundsDue = new PriorityQueue<ShopOrder, long>();
        for (long id = 1; id <= Options.Orders; id++)
        {
            var at = WholeSeconds(Options.From + span * ((id - 1 + random.NextDouble()) / Options.Orders));
            var remaining = Options.Orders - id + 1;
            if (refundsDue.TryPeek(out var refunded, out var due) && (due <= id || refundsDue.Count >= remaining))
            {
                refundsDue.Dequeue();
                yield return Refund(id, refunded, at);
                continue;
            }

            var order = session.NewOrder(random, id, at);
            if (order.Status is ShopVocabulary.Completed or ShopVocabulary.Processing
                && id < Options.Orders
                && random.NextDouble() < Options.RefundShare)
            {
                order = order with { Status = ShopVocabulary.Refunded };
                refundsDue.Enqueue(order, id + 1 + random.NextInt64(Math.Min(RefundDelayLimit, Options.Orders - id)));
            }

            yield return order;
        }
    }

    /// <summary>Creates the schema in the shop database the settings name and writes a generated shop into it.</summary>
    /// <param name="orderStorage">Where WooCommerce orders go; ignored for Magento. Legacy shops get no HPOS tables.</param>
    /// <param name="progress">The running total of customers and orders written.</param>
    public static async Task<ShopGenerationResult> GenerateAsync(
        ShopConnectionSettings shop,
        ShopGenerationOptions options,
        WooCommerceOrderStorage orderStorage = WooCommerceOrderStorage.Hpos,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shop);
        await using var connection = new MySqlConnection(shop.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await GenerateAsync(connection, shop.Platform, shop.TablePrefix, shop.TimeZone ?? "UTC", orderStorage, options, progress, cancellationToken);
    }

    /// <summary>Creates the schema on an open connection and writes a generated shop into it.</summary>
    /// <param name="timeZone">IANA id of the site time zone (WordPress's site-local columns; Magento's configuration).</param>
    /// <param name="orderStorage">Where WooCommerce orders go; ignored for Magento. Legacy shops get no HPOS tables.</param>
    /// <param name="progress">The running total of customers and orders written.</param>
    public static async Task<ShopGenerationResult> GenerateAsync(
        MySqlConnection connection,
        ShopPlatform platform,
        string tablePrefix,
        string timeZone,
        WooCommerceOrderStorage orderStorage,
        ShopGenerationOptions options,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var generator = new ShopGenerator(options);
        ShopWriter writer;
        if (platform == ShopPlatform.WooCommerce)
        {
            await ShopSchema.CreateWooCommerceAsync(connection, tablePrefix, orderStorage != WooCommerceOrderStorage.Legacy, cancellationToken);
            writer = new WooCommerceShopWriter(connection, new WooCommerceWriterOptions(tablePrefix, timeZone, orderStorage));
        }
        else
        {
            await ShopSchema.CreateAsync(connection, platform, tablePrefix, cancellationToken);
            writer = new MagentoShopWriter(connection, new MagentoWriterOptions(tablePrefix, timeZone));
        }

        await writer.WriteSiteAsync(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var customers = await writer.WriteCustomersAsync(generator.Customers(), progress, cancellationToken);
        var customersElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        var ordersProgress = progress is null ? null : new OffsetProgress(progress, customers);
        var orders = await writer.WriteOrdersAsync(generator.Orders(), ordersProgress, cancellationToken);
        return new ShopGenerationResult(customers, orders, customersElapsed, stopwatch.Elapsed);
    }

    private static ShopOrder Refund(long id, ShopOrder refunded, DateTimeOffset at) =>
        new(
            id,
            refunded.CustomerId,
            refunded.Email,
            at,
            ShopVocabulary.Completed,
            refunded.Billing,
            null,
            refunded.PaymentMethod,
            null,
            null,
            null,
            -refunded.Total,
            IsRefund: true,
            ParentOrderId: refunded.Id,
            StoreId: refunded.StoreId);

    // The platforms store seconds; whole seconds let readers compare what they read with what was generated.
    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private long RegisteredBefore(DateTimeOffset at)
    {
        // Customer c registers inside the c-th of Customers equal slices of the registration span.
        var fraction = (at - registrationStart) / registrationSpan;
        return Math.Clamp((long)Math.Floor(fraction * Options.Customers), 0, Options.Customers);
    }

    private sealed record Persona(string FirstName, string LastName, string Email, ShopAddress Address, (string Last4, string Type) Card, DateOnly? DateOfBirth);

    private sealed record CustomerProfile(ShopCustomer Customer, (string Last4, string Type) Card, DateTimeOffset? MovedAt, ShopAddress? MovedBilling);

    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }

    /// <summary>One enumeration's Bogus instances and caches; enumerations never share state.</summary>
    private sealed class Session(ShopGenerator generator)
    {
        private readonly ShopGenerationOptions options = generator.Options;
        private readonly Dictionary<string, Faker> fakers = [];
        private readonly Dictionary<long, CustomerProfile> profiles = [];
        private readonly Dictionary<long, Persona> guests = [];
        private long guestCount;

        public CustomerProfile Profile(long id)
        {
            if (profiles.TryGetValue(id, out var cached))
            {
                return cached;
            }

            var persona = NewPersona(CustomerSalt, id, id.ToString(CultureInfo.InvariantCulture), avoidCountry: null);
            var random = new Random(StableRandom.Seed(options.Seed, ProfileSalt, id));
            var registeredAt = WholeSeconds(generator.registrationStart + generator.registrationSpan * ((id - 1 + random.NextDouble()) / options.Customers));
            var billing = persona.Address;
            var roll = random.NextDouble();
            var shipping = roll switch
            {
                < 0.80 => billing with { Email = null },
                < 0.92 => NewPersona(GiftSalt, id, "", avoidCountry: null).Address with { Email = null },
                _ => null,
            };
            DateTimeOffset? movedAt = null;
            ShopAddress? movedBilling = null;
            if (random.NextDouble() < options.MovedShare)
            {
                movedAt = registeredAt + (options.To - registeredAt) * (0.3 + 0.4 * random.NextDouble());
                movedBilling = NewPersona(MoveSalt, id, "", avoidCountry: billing.Country).Address with
                {
                    FirstName = persona.FirstName,
                    LastName = persona.LastName,
                    Email = persona.Email,
                };
            }

            var customer = new ShopCustomer(id, persona.Email, persona.FirstName, persona.LastName, registeredAt, billing, shipping, persona.DateOfBirth);
            return Remember(profiles, id, new CustomerProfile(customer, persona.Card, movedAt, movedBilling));
        }

        public ShopOrder NewOrder(Random random, long id, DateTimeOffset at)
        {
            var registered = generator.RegisteredBefore(at);
            long? customerId = null;
            string email;
            ShopAddress billing;
            ShopAddress? shipping;
            (string Last4, string Type) card;
            if (registered > 0 && random.NextDouble() >= options.GuestShare)
            {
                // Earlier customers have had longer to come back, so they order more often.
                var profile = Profile(Math.Min(registered, 1 + (long)(registered * Math.Pow(random.NextDouble(), 1.6))));
                customerId = profile.Customer.Id;
                email = profile.Customer.Email;
                var moved = profile.MovedAt <= at;
                billing = moved ? profile.MovedBilling! : profile.Customer.Billing!;
                shipping = moved ? billing with { Email = null } : profile.Customer.Shipping ?? billing with { Email = null };
                card = random.NextDouble() < 0.85 ? profile.Card : RandomCard(random);
            }
            else if (registered > 0 && random.NextDouble() < options.GuestWithAccountEmailShare)
            {
                var profile = Profile(1 + random.NextInt64(registered));
                email = profile.Customer.Email;
                billing = profile.Customer.Billing!;
                shipping = billing with { Email = null };
                card = profile.Card;
            }
            else
            {
                var repeat = guestCount > 0 && random.NextDouble() < options.RepeatGuestShare;
                var persona = Guest(repeat ? 1 + random.NextInt64(guestCount) : ++guestCount);
                email = repeat ? CaseVariant(persona.Email, random) : persona.Email;
                billing = persona.Address with { Email = email };
                shipping = billing with { Email = null };
                card = persona.Card;
            }

            if (random.NextDouble() < 0.05)
            {
                shipping = null;
            }

            var status = ShopGeography.PickWeighted(random, Statuses, s => s.Weight).Status;
            var total = Math.Max(1m, Math.Round((decimal)Math.Exp(3.9 + 0.8 * Gaussian(random)), 2));
            var byCard = random.NextDouble() < options.CardShare;
            var method = byCard ? ShopVocabulary.CardPayment : ShopGeography.PickWeighted(random, OtherPayments, p => p.Weight).Method;
            var ip = random.NextDouble() < options.Ipv6Share ? Ipv6(random) : Ipv4(random);
            return new ShopOrder(
                id,
                customerId,
                email,
                at,
                status,
                billing,
                shipping,
                method,
                byCard ? card.Last4 : null,
                byCard ? card.Type : null,
                ip,
                total);
        }

        private Persona Guest(long index)
        {
            if (guests.TryGetValue(index, out var cached))
            {
                return cached;
            }

            var suffix = (options.Customers + index).ToString(CultureInfo.InvariantCulture);
            return Remember(guests, index, NewPersona(GuestSalt, index, suffix, avoidCountry: null));
        }

        private Persona NewPersona(ulong salt, long index, string emailSuffix, string? avoidCountry)
        {
            var random = new Random(StableRandom.Seed(options.Seed, salt, index));
            var country = ShopGeography.Pick(random);
            for (var attempt = 0; attempt < 8 && country.Code == avoidCountry; attempt++)
            {
                country = ShopGeography.Pick(random);
            }

            var state = ShopGeography.PickState(random, country);
            var names = Faker(ShopGeography.PickNameLocale(random, country, state), random.Next());
            var places = Faker(country.AddressLocale, random.Next());
            var gender = random.Next(2) == 0 ? Name.Gender.Female : Name.Gender.Male;
            var firstName = names.Name.FirstName(gender);
            var lastName = names.Name.LastName(gender);
            var email = $"{EmailLocalPart(names, firstName, lastName, random)}{emailSuffix}@{ShopGeography.EmailDomains[random.Next(ShopGeography.EmailDomains.Length)]}";
            var street1 = country.Code == "JP"
                ? $"{places.Name.LastName()}町{random.Next(1, 10)}-{random.Next(1, 30)}-{random.Next(1, 20)}"
                : places.Address.StreetAddress();
            var address = new ShopAddress(
                firstName,
                lastName,
                random.NextDouble() < 0.08 ? places.Company.CompanyName() : null,
                street1,
                random.NextDouble() < 0.2 ? places.Address.SecondaryAddress() : null,
                places.Address.City(),
                state,
                places.Address.ZipCode(),
                country.Code,
                email,
                places.Phone.PhoneNumber());
            DateOnly? dateOfBirth = random.NextDouble() < 0.7
                ? new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 56))
                : null;
            return new Persona(firstName, lastName, email, address, RandomCard(random), dateOfBirth);
        }

        // Bogus derives user names from the name; for names in other scripts it yields digits only, so those
        // shoppers get a Latin user name, as most e-mail providers require. Digits are dropped because the
        // caller appends a unique number.
        private string EmailLocalPart(Faker names, string firstName, string lastName, Random random)
        {
            var candidate = names.Internet.UserName(firstName, lastName);
            if (!candidate.Any(char.IsAsciiLetter))
            {
                candidate = Faker("en", random.Next()).Internet.UserName();
            }

            var local = new string(candidate.Where(c => char.IsAsciiLetter(c) || c is '.' or '_' or '-').ToArray()).Trim('.', '_', '-');
            if (local.Length == 0)
            {
                local = "shopper";
            }

            return random.NextDouble() < 0.85 ? local.ToLowerInvariant() : local;
        }

        private Faker Faker(string locale, int seed)
        {
            if (!fakers.TryGetValue(locale, out var faker))
            {
                faker = new Faker(locale);
                fakers[locale] = faker;
            }

            faker.Random = new Randomizer(seed);
            return faker;
        }

        private static T Remember<T>(Dictionary<long, T> cache, long key, T value)
        {
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }

            cache[key] = value;
            return value;
        }

        private static (string Last4, string Type) RandomCard(Random random) =>
            (random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture), ShopGeography.PickWeighted(random, CardTypes, c => c.Weight).Type);

        // Returning guests type their address differently: "Anna.Schmidt@…" one time, "anna.schmidt@…" the next.
        private static string CaseVariant(string email, Random random)
        {
            var at = email.IndexOf('@');
            return random.Next(4) switch
            {
                0 => email.ToLowerInvariant(),
                1 => char.ToUpperInvariant(email[0]) + email[1..],
                2 => email[..at] + email[at..].ToUpperInvariant(),
                _ => string.Join('.', email[..at].Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..])) + email[at..],
            };
        }

        private static double Gaussian(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        private static string Ipv4(Random random)
        {
            int first;
            do
            {
                first = random.Next(1, 224);
            }
            while (first is 10 or 100 or 127 or 169 or 172 or 192 or 198 or 203);

            return $"{first}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
        }

        private static string Ipv6(Random random) =>
            $"{Ipv6Prefixes[random.Next(Ipv6Prefixes.Length)]}:{string.Join(':', Enumerable.Range(0, 7).Select(_ => random.Next(0x10000).ToString("x", CultureInfo.InvariantCulture)))}";
    }
}
