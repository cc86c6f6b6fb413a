using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CaseManagement.Security.ApiKeys;

/// <summary>
/// Key format "cmk_&lt;8-char prefix&gt;_&lt;43-char secret&gt;" (256 random bits). A plain SHA-256 is the
/// right hash here: unlike passwords, the secret has full entropy, so slow hashing adds nothing.
/// </summary>
public static partial class ApiKeySecrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    [GeneratedRegex("^cmk_(?<prefix>[a-z0-9]{8})_[A-Za-z0-9_-]{43}$")]
    private static partial Regex Format();

    public static (string Key, string Prefix) Generate()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, 8);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"cmk_{prefix}_{secret}", prefix);
    }

    public static bool TryParsePrefix(string key, out string prefix)
    {
        var match = Format().Match(key);
        prefix = match.Success ? match.Groups["prefix"].Value : "";
        return match.Success;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Constant-time: the time taken does not reveal how much of a guess was right.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
