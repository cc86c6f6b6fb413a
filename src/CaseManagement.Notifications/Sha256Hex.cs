using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Notifications;

/// <summary>The one hash both notices and submissions are proven by, so every proof is computed the same way.</summary>
internal static class Sha256Hex
{
    public static string OfUtf8(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
