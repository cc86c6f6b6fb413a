using Marten;

namespace CaseManagement.Security.Tenancy;

/// <summary>
/// Every request's Marten session is bound to the caller's organisation (Marten conjoined tenancy),
/// so incidents, history, projections and lists of one organisation are invisible to another by
/// construction, not by remembering a filter. Without an authenticated organisation there is no session.
/// Registered in place of Marten's request sessions; Marten's own ISessionFactory stays untouched for
/// Wolverine, whose messages carry their tenant themselves. A request naming one of its organisation's exercises
/// (X-Exercise, ADR 24) gets that exercise's tenant, as Wolverine's endpoints do.
/// </summary>
public sealed class OrganisationSessionFactory(IDocumentStore store, IHttpContextAccessor http)
{
    public IQuerySession QuerySession() => store.QuerySession(Organisation());

    public IDocumentSession OpenSession() => store.LightweightSession(Organisation());

    private string Organisation() =>
        http.HttpContext is { User.Identity.IsAuthenticated: true } request && Readiness.Exercises.ExerciseTenants.TenantOfRequest(request) is { } tenant
            ? tenant
            : throw new InvalidOperationException("A Marten session was requested outside an authenticated request; open one for an explicit organisation instead.");
}

public static class OrganisationSessionRegistration
{
    public static IServiceCollection AddOrganisationSessions(this IServiceCollection services)
    {
        services.AddScoped<OrganisationSessionFactory>();
        services.AddScoped(sp => sp.GetRequiredService<OrganisationSessionFactory>().QuerySession());
        services.AddScoped(sp => sp.GetRequiredService<OrganisationSessionFactory>().OpenSession());
        return services;
    }
}
