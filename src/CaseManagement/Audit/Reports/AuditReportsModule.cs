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

}
