using CaseManagement.Security.ApiKeys;
using CaseManagement.Security.Authentication;
using CaseManagement.Security.Pii;
using CaseManagement.Security.Tenancy;
using Marten;

namespace CaseManagement.Security;

/// <summary>
/// Who may do what (tokens, API keys, the page session, roles, the organisation as tenant) and personal data encrypted
/// under each person's own key (ADR 5). Its wiring of authentication lives in Authentication/AuthenticationSetup.
/// </summary>
public static class SecurityModule
{
    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Schema.For<DataSubjectKey>();
        // Keys are looked up before anyone's organisation is known, so they are not tenanted.
        opts.Schema.For<ApiKey>().SingleTenanted().UniqueIndex(x => x.Prefix).Index(x => x.OrganisationId);
    }

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCaseManagementSecurity(configuration).AddOrganisationSessions();
}
