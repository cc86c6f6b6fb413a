using System.Security.Cryptography;
using System.Text.Json;

namespace CaseManagement.BrowserTests.Infrastructure;

/// <summary>A file copied from a package registry, with the version and SHA-256 recorded beside it in vendored.json.</summary>
public sealed record VendoredFile(string Package, string Version, string File, string Sha256)
{
    public static VendoredFile Read(string folder) =>
        JsonSerializer.Deserialize<VendoredFile>(System.IO.File.ReadAllText(Path.Combine(folder, "vendored.json")), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"{folder}/vendored.json is empty.");

    public static string ActualSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)));
}
