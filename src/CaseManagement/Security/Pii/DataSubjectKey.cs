namespace CaseManagement.Security.Pii;

/// <summary>
/// One data subject's key, wrapped by a master key; the id is the subject id. Deleting this document is the
/// erasure: every value protected with the key becomes unreadable while the events holding them stay intact.
/// </summary>
public sealed class DataSubjectKey
{
    public string Id { get; set; } = "";
    public string MasterKeyId { get; set; } = "";
    public string Nonce { get; set; } = "";
    public string Ciphertext { get; set; } = "";
    public string Tag { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public static DataSubjectKey From(string subjectId, WrappedKey wrapped, DateTimeOffset createdAt) => new()
    {
        Id = subjectId,
        MasterKeyId = wrapped.MasterKeyId,
        Nonce = Convert.ToBase64String(wrapped.Nonce),
        Ciphertext = Convert.ToBase64String(wrapped.Ciphertext),
        Tag = Convert.ToBase64String(wrapped.Tag),
        CreatedAt = createdAt,
    };

    public WrappedKey ToWrappedKey() =>
        new(MasterKeyId, Convert.FromBase64String(Nonce), Convert.FromBase64String(Ciphertext), Convert.FromBase64String(Tag));
}
