using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Readiness.Exercises.Sandbox;

/// <summary>
/// What an exercise's tenant starts with: the chosen sandbox's registration (its passwords encrypted again under the
/// exercise tenant's own keys), the only shop scoping and containment there can reach; and the organisation's approved
/// notice templates, so the team can notify as it would for real, through the sandbox channel.
/// </summary>
public static class SandboxCopy
{
    public static async Task WriteAsync(IDocumentStore store, PiiVault vault, IQuerySession organisation, RegisteredShop sandbox, string tenant, CancellationToken ct)
    {
        var password = await vault.RevealAsync(organisation, sandbox.Password, ct)
                       ?? throw new InvalidOperationException($"The credentials of sandbox '{sandbox.Id}' were shredded; register it again.");
        var readOnlyPassword = sandbox.ReadOnlyPassword is null ? null : await vault.RevealAsync(organisation, sandbox.ReadOnlyPassword, ct);
        var templates = await organisation.Query<NotificationTemplateVersion>().Where(t => t.ApprovedAt != null).ToListAsync(ct);

        await using var exercise = store.LightweightSession(tenant);
        var subject = RegisteredShop.SecretSubject(sandbox.Id);
        exercise.Store(new RegisteredShop
        {
            Id = sandbox.Id, Platform = sandbox.Platform, Host = sandbox.Host, Port = sandbox.Port, Database = sandbox.Database, User = sandbox.User,
            Password = await vault.ProtectAsync(exercise, subject, password, ct),
            ReadOnlyUser = readOnlyPassword is null ? null : sandbox.ReadOnlyUser,
            ReadOnlyPassword = readOnlyPassword is null ? null : await vault.ProtectAsync(exercise, subject, readOnlyPassword, ct),
            TablePrefix = sandbox.TablePrefix, TimeZone = sandbox.TimeZone, RegisteredAt = sandbox.RegisteredAt, RegisteredBy = sandbox.RegisteredBy,
            ServerVersion = sandbox.ServerVersion, Sandbox = true, SandboxGeneratedAt = sandbox.SandboxGeneratedAt,
        });
        exercise.Store(templates.ToArray());
        await exercise.SaveChangesAsync(ct);
    }
}
