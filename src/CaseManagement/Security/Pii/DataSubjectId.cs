using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Security.Pii;

/// <summary>
/// A stable, keyed pseudonym for a person: the same email always maps to the same subject (and so the same data
/// key) across incidents, and an erasure request by email finds them, without the email being stored anywhere.
/// </summary>
public static class DataSubjectId
{
    public static string ForEmail(string email, byte[] subjectIdKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (subjectIdKey.Length < PiiOptions.MinSubjectIdKeyBytes)
            throw new ArgumentException($"the subject id key needs at least {PiiOptions.MinSubjectIdKeyBytes} bytes", nameof(subjectIdKey));

        var normalized = Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant());
        return "subj_" + Convert.ToHexStringLower(HMACSHA256.HashData(subjectIdKey, normalized));
    }
}
