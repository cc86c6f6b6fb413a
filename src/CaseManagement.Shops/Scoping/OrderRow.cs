using System.Runtime.CompilerServices;
using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// One order in the window as the platform queries return it, newest first within each person. The
/// residence fallbacks (the account's billing address, WooCommerce's customer lookup, the shipping address)
/// ride along so no second query per person is needed.
/// </summary>
public sealed record OrderRow(
    string PersonKey,
    long OrderId,
    DateTimeOffset CreatedAt,
    string? Email,
    ShopAddress Billing,
    string? IpAddress,
    string? PaymentMethod,
    string? CardLast4,
    bool HasDateOfBirth,
    ResidenceRules.Candidate Account,
    ResidenceRules.Candidate Lookup,
    ResidenceRules.Candidate Shipping);

/// <summary>Folds the ordered order rows into people: one per key, described by their latest order in the window.</summary>
public static class PersonAssembler
{
    public static async IAsyncEnumerable<AffectedPerson> AssembleAsync(IAsyncEnumerable<OrderRow> rows, IReadOnlySet<string> categories,
        IProgress<ScopeProgress>? progress, [EnumeratorCancellation] CancellationToken ct)
    {
        OrderRow? latest = null;
        int orders = 0;
        bool name = false, address = false, phone = false, dob = false, card = false, ip = false;
        long scanned = 0, found = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            scanned++;
            if (latest is not null && !string.Equals(latest.PersonKey, row.PersonKey, StringComparison.Ordinal))
            {
                found++;
                yield return Person();
                latest = null;
            }

            if (latest is null)
            {
                latest = row;
                orders = 0;
                name = address = phone = dob = card = ip = false;
            }

            orders++;
            name |= !string.IsNullOrWhiteSpace(row.Billing.FirstName) || !string.IsNullOrWhiteSpace(row.Billing.LastName);
            address |= !string.IsNullOrWhiteSpace(row.Billing.Street1) || !string.IsNullOrWhiteSpace(row.Billing.Postcode);
            phone |= !string.IsNullOrWhiteSpace(row.Billing.Phone);
            dob |= row.HasDateOfBirth;
            card |= PersonalData.IsCardPayment(row.PaymentMethod, row.CardLast4);
            ip |= !string.IsNullOrWhiteSpace(row.IpAddress);
            if (scanned % 10_000 == 0)
            {
                progress?.Report(new ScopeProgress(scanned, found));
            }
        }

        if (latest is not null)
        {
            found++;
            yield return Person();
        }

        progress?.Report(new ScopeProgress(scanned, found));

        AffectedPerson Person()
        {
            var b = latest!.Billing;
            var residence = ResidenceRules.Resolve(
                new ResidenceRules.Candidate("order billing address", b.Country, b.State),
                latest.Account,
                latest.Lookup,
                latest.Shipping);
            return new AffectedPerson(latest.PersonKey, latest.Email?.Trim() ?? "", Blank(b.FirstName), Blank(b.LastName), Blank(b.Phone),
                address ? b : null, residence, PersonalData.Involved(categories, name, address, phone, dob, card, ip), orders, latest.CreatedAt);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
