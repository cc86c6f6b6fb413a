namespace CaseManagement.ShopRegistry;

// A shop's registration is a document an admin keeps (ADR 28); taking it out of use and back into use decides which shops
// incidents may name, so both acts also go on the organisation's audit log, where auditors read admins' decisions.

/// <summary>An admin took a shop out of use: no new incident, scoping, containment or exercise may name it.</summary>
public sealed record ShopDeactivated(Guid AuditLogId, string Shop, string Reason);

/// <summary>An admin put a deactivated shop back into use, after its connection test passed again.</summary>
/// <param name="DeactivatedAt">When it had been taken out of use, and by whom and why: the state this event ends.</param>
public sealed record ShopReactivated(Guid AuditLogId, string Shop, string Reason, DateTimeOffset DeactivatedAt, string DeactivatedBy, string DeactivationReason,
    string? ServerVersion);
