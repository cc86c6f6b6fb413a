using CaseManagement.Audit.Reports;
using JasperFx.Events;

namespace CaseManagement.Incidents;

// An export is a read recorded on the incident: it changes nothing the lifecycle decides on, so the state only notes
// the time of the latest recorded event.
public sealed partial record Incident
{
    public Incident Apply(IEvent<AuditReportExported> e) => Touch(e);
}
