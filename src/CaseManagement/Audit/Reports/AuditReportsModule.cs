using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.PeriodReports;
using CaseManagement.Audit.Reports.Rendering;

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

    public static IEndpointRouteBuilder MapAuditReportEndpoints(this IEndpointRouteBuilder app)
    {
        GetAuditReportEndpoint.Map(app);
        GetPeriodReportEndpoint.Map(app);
        AuditLog.Map(app);
        return app;
    }
}
