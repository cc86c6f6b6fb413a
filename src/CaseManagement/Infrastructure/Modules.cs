using CaseManagement.Alerts;
using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports;
using CaseManagement.Containment;
using CaseManagement.Feed;
using CaseManagement.Incidents;
using CaseManagement.Monitoring;
using CaseManagement.Notifications;
using CaseManagement.Obligations;
using CaseManagement.Operations;
using CaseManagement.Paging;
using CaseManagement.Readiness;
using CaseManagement.Scoping;
using CaseManagement.Security;
using CaseManagement.ShopRegistry;
using CaseManagement.Web;
using Marten;
using Wolverine;

namespace CaseManagement.Infrastructure;

/// <summary>
/// The modules, in one list. Each keeps its own wiring beside its code (its streams, projections and documents in
/// ConfigureStore, its queues and error policies in ConfigureWolverine, its services in Add…); this is where they meet.
/// </summary>
public static class Modules
{
    public static void ConfigureStore(StoreOptions opts)
    {
        IncidentsModule.ConfigureStore(opts);
        ObligationsModule.ConfigureStore(opts);
        ScopingModule.ConfigureStore(opts);
        ContainmentModule.ConfigureStore(opts);
        NotificationsModule.ConfigureStore(opts);
        ShopRegistryModule.ConfigureStore(opts);
        SecurityModule.ConfigureStore(opts);
        FeedModule.ConfigureStore(opts);
        HashChainModule.ConfigureStore(opts);
        AlertsModule.ConfigureStore(opts);
        MonitoringModule.ConfigureStore(opts);
        OperationsModule.ConfigureStore(opts);
        ReadinessModule.ConfigureStore(opts);
        PagingModule.ConfigureStore(opts);
    }

    public static void ConfigureWolverine(WolverineOptions opts, IConfiguration configuration)
    {
        ObligationsModule.ConfigureWolverine(opts);
        ScopingModule.ConfigureWolverine(opts);
        ContainmentModule.ConfigureWolverine(opts, configuration);
        NotificationsModule.ConfigureWolverine(opts);
        FeedModule.ConfigureWolverine(opts, configuration);
        HashChainModule.ConfigureWolverine(opts);
        AlertsModule.ConfigureWolverine(opts);
        MonitoringModule.ConfigureWolverine(opts);
        ReadinessModule.ConfigureWolverine(opts);
        PagingModule.ConfigureWolverine(opts);
    }

    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration) => services
        .AddSecurity(configuration)
        .AddCaseManagementWeb()
        .AddIncidents(configuration)
        .AddObligations(configuration)
        .AddShopRegistry(configuration)
        .AddContainment(configuration)
        .AddNotifications(configuration)
        .AddAuditReports(configuration)
        .AddIntegratorFeed(configuration)
        .AddHashChain(configuration)
        .AddAlerts(configuration)
        .AddMonitoring(configuration)
        .AddOperations(configuration)
        .AddReadiness(configuration)
        .AddPaging(configuration);
}
