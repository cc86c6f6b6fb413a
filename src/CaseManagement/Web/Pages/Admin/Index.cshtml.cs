using CaseManagement.Feed.Subscribing;
using CaseManagement.Security;
using CaseManagement.Security.ApiKeys;
using CaseManagement.ShopRegistry;
using Marten;
using CaseManagement.Web.Actions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Admin;

/// <summary>
/// The admin's page: the organisation's registered shops, API keys and feed subscriptions, each listed by the code the API
/// lists them with. Shops are registered, their credentials rotated, their prefix changed, and they are deactivated and
/// reactivated through the API's own slices
/// (ADR 26), so the connection test and its messages are the API's. Admins see no case data.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AdminModel(IDocumentStore store, IQuerySession organisation, TimeProvider clock, Slices slices) : PageModel
{
    public string Organisation { get; private set; } = "";
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];
    public IReadOnlyList<ShopView> Shops { get; private set; } = [];
    public IReadOnlyList<FeedSubscriptionView> Subscriptions { get; private set; } = [];

    /// <summary>
    /// The refused action's answer and which form it belongs to ("register", "rotate:&lt;shop&gt;", "prefix:&lt;shop&gt;",
    /// "deactivate:&lt;shop&gt;", "reactivate:&lt;shop&gt;").
    /// </summary>
    public SliceAnswer? Refusal { get; private set; }
    public string? RefusedForm { get; private set; }

    /// <summary>What the person typed into the registration form (never a password), kept when it is refused.</summary>
    public RegisterShopForm Registration { get; private set; } = new();

    /// <summary>What the person typed into a refused rotation (never a password).</summary>
    public RotateCredentialsForm Rotation { get; private set; } = new();

    /// <summary>What the person typed into a refused prefix change.</summary>
    public ChangePrefixForm PrefixChange { get; private set; } = new();

    /// <summary>What the person typed into a refused reactivation.</summary>
    public ReactivateShopForm Reactivation { get; private set; } = new();

    /// <summary>A fresh key per render: submitting the same rendered form twice records once (the API's Idempotency-Key).</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(CancellationToken cancellation) => await LoadAsync(cancellation);

    public async Task<IActionResult> OnPostRegisterAsync(RegisterShopForm form, CancellationToken cancellation)
    {
        Registration = form;
        var answer = await slices.PostAsync(HttpContext, nameof(RegisterShop), new { }, new RegisterShop(Blank(form.Name), Blank(form.Platform),
            Blank(form.Host), form.Port, Blank(form.Database), Blank(form.User), form.Password, Blank(form.ReadOnlyUser), Blank(form.ReadOnlyPassword),
            form.TablePrefix?.Trim(), Blank(form.TimeZone)), form.IdempotencyKey, cancellation);
        return await AnswerAsync("register", form.Name, answer, cancellation);
    }

    public async Task<IActionResult> OnPostRotateAsync(string name, RotateCredentialsForm form, CancellationToken cancellation)
    {
        Rotation = form;
        var answer = await slices.PostAsync(HttpContext, nameof(RotateShopCredentials), new { name }, new RotateShopCredentials(Blank(form.User),
            form.Password, Blank(form.ReadOnlyUser), Blank(form.ReadOnlyPassword), Blank(form.Reason)), form.IdempotencyKey, cancellation);
        return await AnswerAsync($"rotate:{name}", name, answer, cancellation);
    }

    public async Task<IActionResult> OnPostPrefixAsync(string name, ChangePrefixForm form, CancellationToken cancellation)
    {
        PrefixChange = form;
        var answer = await slices.PostAsync(HttpContext, nameof(ChangeShopPrefix), new { name }, new ChangeShopPrefix(form.TablePrefix?.Trim(), Blank(form.Reason)),
            form.IdempotencyKey, cancellation);
        return await AnswerAsync($"prefix:{name}", name, answer, cancellation);
    }

    public async Task<IActionResult> OnPostReactivateAsync(string name, ReactivateShopForm form, CancellationToken cancellation)
    {
        Reactivation = form;
        var answer = await slices.PostAsync(HttpContext, nameof(ReactivateShop), new { name }, new ReactivateShop(Blank(form.Reason)), form.IdempotencyKey,
            cancellation);
        return await AnswerAsync($"reactivate:{name}", name, answer, cancellation);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string name, DeactivateShopForm form, CancellationToken cancellation)
    {
        var answer = await slices.PostAsync(HttpContext, nameof(DeactivateShop), new { name }, new DeactivateShop(Blank(form.Reason)), form.IdempotencyKey,
            cancellation);
        return await AnswerAsync($"deactivate:{name}", name, answer, cancellation);
    }

    public IReadOnlyList<string> ErrorsFor(string form, string field) => RefusedForm == form && Refusal is { } r ? r.ErrorsFor(field) : [];

    /// <summary>The refusal's message when it is not about one field: a refused role, a shop already deactivated, an unknown shop.</summary>
    public string? MessageFor(string form) => RefusedForm == form && Refusal is { Errors.Count: 0 } r ? $"{r.Title}: {r.Detail}" : null;

    /// <summary>Success: back to the shop by GET (303), so a reload never posts again. Refusal: the page again, with the API's words.</summary>
    private async Task<IActionResult> AnswerAsync(string form, string? shop, SliceAnswer answer, CancellationToken cancellation)
    {
        if (answer.Succeeded)
        {
            Response.Headers.Location = shop is null ? "/admin#shops" : $"/admin#shop-{shop}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        Refusal = answer;
        RefusedForm = form;
        await LoadAsync(cancellation);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellation)
    {
        Organisation = CaseManagementClaims.OrganisationOf(User)!;
        await using var session = store.QuerySession();
        Keys = await ApiKeyView.ListAsync(session, Organisation, cancellation);
        Shops = await ListShopsEndpoint.Get(organisation, cancellation);
        Subscriptions = await FeedSubscriptionQueries.List(organisation, cancellation);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public string StateOf(ApiKeyView key) =>
        ApiKey.IsUsable(key.RevokedAt, key.ExpiresAt, clock.GetUtcNow()) ? "usable"
        : key.RevokedAt is not null ? $"revoked by {key.RevokedBy}" + (key.RevocationReason is { } why ? $": {why}" : "")
        : "expired";

    /// <summary>The registered zone, and what the shop's own settings say when that differs (scoping trusts the GMT columns either way).</summary>
    public static string ZoneOf(ShopView shop) => (shop.TimeZone, shop.DetectedTimeZone) switch
    {
        (null, null) => "not set; the shop's settings name none",
        (null, { } detected) => $"{detected} (from the shop's settings)",
        ({ } registered, null) => $"{registered} (registered; the shop's settings name none)",
        ({ } registered, { } detected) when registered == detected => registered,
        ({ } registered, { } detected) => $"{registered} registered, but the shop's settings say {detected}",
    };
}

/// <summary>The registration form's fields, named as RegisterShop's JSON fields so problem details land beside them.</summary>
public sealed class RegisterShopForm
{
    public string? Name { get; set; }
    public string? Platform { get; set; } = "woocommerce";
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Database { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? ReadOnlyUser { get; set; }
    public string? ReadOnlyPassword { get; set; }
    public string? TablePrefix { get; set; } = "wp_";
    public string? TimeZone { get; set; }
    public string? IdempotencyKey { get; set; }
}

/// <summary>The rotation form's fields, named as RotateShopCredentials's JSON fields.</summary>
public sealed class RotateCredentialsForm
{
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? ReadOnlyUser { get; set; }
    public string? ReadOnlyPassword { get; set; }
    public string? Reason { get; set; }
    public string? IdempotencyKey { get; set; }
}

/// <summary>The deactivation form's one field, named as DeactivateShop's.</summary>
public sealed class DeactivateShopForm
{
    public string? Reason { get; set; }
    public string? IdempotencyKey { get; set; }
}

/// <summary>The prefix form's fields, named as ChangeShopPrefix's JSON fields.</summary>
public sealed class ChangePrefixForm
{
    public string? TablePrefix { get; set; }
    public string? Reason { get; set; }
    public string? IdempotencyKey { get; set; }
}

/// <summary>The reactivation form's one field, named as ReactivateShop's.</summary>
public sealed class ReactivateShopForm
{
    public string? Reason { get; set; }
    public string? IdempotencyKey { get; set; }
}
