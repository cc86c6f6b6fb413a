namespace CaseManagement.Security.Pii;

/// <summary>A shopper's contact details as stored: encrypted under that person's own data key.</summary>
public sealed record ProtectedContact(string SubjectId, ProtectedValue Email, ProtectedValue? Name);

/// <summary>A shopper's contact details as a person sends or reads them.</summary>
public sealed record ContactDetails(string? Email, string? Name);

public static class ContactProtection
{
    public static async Task<ProtectedContact> ProtectAsync(this PiiVault vault, MasterKeyRing ring, Marten.IDocumentSession session,
        ContactDetails contact, CancellationToken ct)
    {
        var subject = ring.SubjectIdForEmail(contact.Email!);
        var email = await vault.ProtectAsync(session, subject, contact.Email!.Trim(), ct);
        var name = string.IsNullOrWhiteSpace(contact.Name) ? null : await vault.ProtectAsync(session, subject, contact.Name.Trim(), ct);
        return new ProtectedContact(subject, email, name);
    }

    /// <summary>Null when the person's key was shredded: the data is gone for good.</summary>
    public static async Task<ContactDetails?> RevealAsync(this PiiVault vault, Marten.IQuerySession session, ProtectedContact contact, CancellationToken ct)
    {
        var email = await vault.RevealAsync(session, contact.Email, ct);
        if (email is null)
        {
            return null;
        }

        return new ContactDetails(email, contact.Name is null ? null : await vault.RevealAsync(session, contact.Name, ct));
    }
}
