namespace CaseManagement.Security.Pii;

/// <summary>
/// Keys for protecting shopper PII. Values are base64 of random bytes (e.g. <c>openssl rand -base64 32</c>) and
/// belong in a secret store, not in appsettings. To rotate, add a master key and make it active; keep the old
/// one configured until every data key wrapped with it has been rewrapped.
/// </summary>
public sealed class PiiOptions
{
    public const string Section = "Security:Pii";
    public const int MasterKeyBytes = 32;
    public const int MinSubjectIdKeyBytes = 32;

    public string ActiveMasterKeyId { get; set; } = "";

    /// <summary>Master key id to base64 of 32 random bytes.</summary>
    public Dictionary<string, string> MasterKeys { get; set; } = [];

    /// <summary>Base64 of at least 32 random bytes; keys the HMAC that turns an email into a subject id.</summary>
    public string SubjectIdKey { get; set; } = "";

    /// <summary>Every problem with this configuration. Messages name settings and lengths, never key material.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(ActiveMasterKeyId))
            problems.Add($"{Section}:ActiveMasterKeyId is missing.");
        else if (!MasterKeys.ContainsKey(ActiveMasterKeyId))
            problems.Add($"{Section}:ActiveMasterKeyId '{ActiveMasterKeyId}' is not one of {Section}:MasterKeys.");

        foreach (var (id, key) in MasterKeys)
        {
            // '|' separates the parts of the associated data a data key is wrapped with.
            if (id.Contains('|'))
                problems.Add($"{Section}:MasterKeys id '{id}' must not contain '|'.");

            var length = DecodedLength(key);
            if (length is null)
                problems.Add($"{Section}:MasterKeys:{id} is not valid base64.");
            else if (length != MasterKeyBytes)
                problems.Add($"{Section}:MasterKeys:{id} must decode to {MasterKeyBytes} bytes, not {length}.");
        }

        var subjectKeyLength = DecodedLength(SubjectIdKey);
        if (string.IsNullOrWhiteSpace(SubjectIdKey))
            problems.Add($"{Section}:SubjectIdKey is missing.");
        else if (subjectKeyLength is null)
            problems.Add($"{Section}:SubjectIdKey is not valid base64.");
        else if (subjectKeyLength < MinSubjectIdKeyBytes)
            problems.Add($"{Section}:SubjectIdKey must decode to at least {MinSubjectIdKeyBytes} bytes, not {subjectKeyLength}.");

        return problems;
    }

    private static int? DecodedLength(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64).Length;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
