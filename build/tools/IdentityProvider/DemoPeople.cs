namespace IdentityProvider;

/// <summary>A person the demo provider can sign in, with the organisation and roles their tokens carry.</summary>
public sealed record DemoPerson(string Subject, string Name, string Organisation, IReadOnlyList<string> Roles);

/// <summary>
/// The demo organisation's people, one per role the service knows, plus a lead who holds several (as
/// build/run.sh's token always did). Role names must match CaseManagement.Security.Roles (a browser test checks).
/// </summary>
public static class DemoPeople
{
    public const string Organisation = "demo";

    public static readonly IReadOnlyList<string> RoleNames = ["responder", "compliance-lead", "approver", "auditor", "integrator", "admin"];

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("sam.responder@demo-shop.example", "Sam Reyes", Organisation, ["responder"]),
        new("lee.lead@demo-shop.example", "Lee Okafor", Organisation, ["compliance-lead"]),
        new("ada.approver@demo-shop.example", "Ada Lindqvist", Organisation, ["approver"]),
        new("avery.auditor@demo-shop.example", "Avery Brandt", Organisation, ["auditor"]),
        new("alex.admin@demo-shop.example", "Alex Moreau", Organisation, ["admin"]),
        new("demo.lead@demo-shop.example", "Dana Demo", Organisation, ["responder", "compliance-lead", "auditor"]),
    ];

    public static DemoPerson? Find(string? subject) => All.FirstOrDefault(p => p.Subject == subject);
}
