using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Web;

/// <summary>
/// The pages' own scripts and styles and the vendored htmx, served from the assembly at /assets/…. Each URL carries
/// the file's hash (?v=…), so a browser may keep it for a year and still never runs a stale copy after an upgrade.
/// </summary>
public sealed class WebAssets
{
    public const string PathPrefix = "/assets";
    private const string ResourcePrefix = "WebAssets/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, Asset> assets;

    public WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                return new Asset(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), ContentTypes[Path.GetExtension(n)]);
            });
    }

    /// <summary>Relative paths as under Web/Assets, e.g. "site.css", "vendor/htmx/htmx.min.js".</summary>
    public IReadOnlyCollection<string> Names => assets.Keys;

    public byte[] Content(string name) => assets[name].Bytes;

    public string Url(string name) =>
        assets.TryGetValue(name, out var asset)
            ? $"{PathPrefix}/{name}?v={asset.Sha256[..16]}"
            : throw new ArgumentException($"No web asset is called {name}; the pages' files live under src/CaseManagement/Web/Assets.", nameof(name));

    public IResult Serve(string name, HttpContext http)
    {
        if (!assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        var current = http.Request.Query["v"] == asset.Sha256[..16];
        http.Response.Headers.CacheControl = current ? "public, max-age=31536000, immutable" : "no-cache";
        return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.Sha256}\""));
    }

    private sealed record Asset(byte[] Bytes, string Sha256, string ContentType);
}
