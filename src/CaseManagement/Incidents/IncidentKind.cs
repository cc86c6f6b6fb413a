namespace CaseManagement.Incidents;

public enum IncidentKind
{
    PluginCompromise,
    CheckoutSkimmer,
    AccountTakeover,
    SqlInjection,
    LeakedApiKey,
    Other,
}

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum IncidentStatus
{
    Detected,
    Contained,
    Scoped,
    NoNotificationOwed,
    Notified,
    FalsePositive,
    Closed,
}
