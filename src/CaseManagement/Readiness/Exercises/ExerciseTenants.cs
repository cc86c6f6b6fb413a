using System.Diagnostics.CodeAnalysis;
using Wolverine.Http.Runtime.MultiTenancy;

namespace CaseManagement.Readiness.Exercises;

/// <summary>
/// Each exercise's incident record lives in a tenant of its own, "{organisation}~exercise~{id}" (ADR 24): everything
/// tenant-scoped (lists, boards, escalations, the feed's subscriptions, metrics, shops, data keys) is separate from the
/// organisation's real record by construction, and a stream can never move between them.
/// </summary>
public static class ExerciseTenants
{
    /// <summary>The request header that makes a request act inside one of the caller's organisation's exercises.</summary>
    public const string Header = "X-Exercise";

    private const string Separator = "~exercise~";

    public static string TenantOf(string organisation, Guid exerciseId) => $"{organisation}{Separator}{exerciseId:N}";

    public static bool IsExercise([NotNullWhen(true)] string? tenant) => TryParse(tenant, out _, out _);

    /// <summary>
    /// An organisation whose name holds the separator could read as another organisation's exercise (or make its own
    /// exercises ambiguous), so no credential may carry one.
    /// </summary>
    public static bool IsReservedInOrganisation(string organisation) => organisation.Contains(Separator, StringComparison.Ordinal);

    /// <summary>The organisation and exercise of an exercise tenant; false for an organisation's own tenant.</summary>
    public static bool TryParse([NotNullWhen(true)] string? tenant, out string organisation, out Guid exerciseId)
    {
        (organisation, exerciseId) = ("", Guid.Empty);
        var at = tenant?.LastIndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (at <= 0 || !Guid.TryParseExact(tenant![(at + Separator.Length)..], "N", out exerciseId))
        {
            return false;
        }

        organisation = tenant[..at];
        return true;
    }

    /// <summary>The organisation a tenant belongs to: itself, or the exercise's organisation.</summary>
    public static string OrganisationOf(string tenant) => TryParse(tenant, out var organisation, out _) ? organisation : tenant;

    /// <summary>The exercise a request names in <see cref="Header"/>: null without the header, false when it is not an exercise id.</summary>
    public static bool TryReadHeader(HttpContext http, out Guid? exerciseId)
    {
        exerciseId = null;
        var values = http.Request.Headers[Header];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count == 1 && Guid.TryParse(values[0], out var id) && id != Guid.Empty)
        {
            exerciseId = id;
            return true;
        }

        return false;
    }

    /// <summary>The tenant a request acts in: the exercise's when it sends <see cref="Header"/>, otherwise its organisation's.</summary>
    public static string? TenantOfRequest(HttpContext http) =>
        CaseManagementClaims.OrganisationOf(http.User) is { Length: > 0 } organisation
            ? TryReadHeader(http, out var exercise) && exercise is { } id ? TenantOf(organisation, id) : organisation
            : null;
}

/// <summary>
/// Wolverine's tenant detection, asked before the organisation claim: a request with <see cref="ExerciseTenants.Header"/> acts
/// in that exercise of the caller's organisation. A malformed header finds no tenant here; <see cref="ExerciseScope"/> refuses
/// the request before it can fall through to the organisation's own record.
/// </summary>
public sealed class ExerciseTenantDetection : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) =>
        new(ExerciseTenants.TryReadHeader(context, out var exercise) && exercise is not null ? ExerciseTenants.TenantOfRequest(context) : null);
}
