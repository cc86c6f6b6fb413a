using System.Security.Cryptography;
using CaseManagement.Security.Pii;

namespace CaseManagement.UnitTests.Security;

/// <summary>Fresh random key material and a valid configuration to vary.</summary>
public static class PiiKeys
{
    public static byte[] DataKey() => RandomNumberGenerator.GetBytes(PiiCipher.DataKeyBytes);

    public static string Base64Key(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static PiiOptions Options(string active = "k1", params string[] masterKeyIds) => new()
    {
        ActiveMasterKeyId = active,
        MasterKeys = (masterKeyIds.Length == 0 ? [active] : masterKeyIds).ToDictionary(id => id, _ => Base64Key()),
        SubjectIdKey = Base64Key(),
    };
}
