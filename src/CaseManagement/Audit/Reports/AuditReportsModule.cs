using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.PeriodReports;
using CaseManagement.Audit.Reports.Rendering;
using Marten;

namespace CaseManagement.Audit.Reports;

/// <summary>Audit reports: the incident's report, the period report, the organisation's audit log (docs/audit-reports.md, ADR 14).</summary>
public static class AuditReportsModule
{
    public static IServiceCollection AddAuditReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportsOptions>(configuration.GetSection(ReportsOptions.Section));
        services.AddSingleton<ChromiumPdf>();
        services.AddScoped<ReportExports>();
        return services;
    }

    // Reports read the chain links (written by the chain writer, docs/hash-chain.md); registered here too so the table
    // exists wherever reports are served, also before the first link is written.
    public static void ConfigureStore(StoreOptions opts) => opts.Schema.For<ChainLink>();

    public static IEndpointRouteBuilder MapAuditReportEndpoints(this IEndpointRouteBuilder app)
    {
        GetAuditReportEndpoint.Map(app);
        GetPeriodReportEndpoint.Map(app);
        AuditLog.Map(app);
        return app;
    }
}
