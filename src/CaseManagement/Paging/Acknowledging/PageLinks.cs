using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Security.Pii;
using Marten;
using JasperFx;
using Microsoft.Extensions.Options;

namespace CaseManagement.Paging.Acknowledging;

/// <summary>What a valid acknowledgement link names: the tenant and page, and the step (the person) it was sent for.</summary>
public sealed record PageLink(string Tenant, Guid PageId, int Step, DateTimeOffset ExpiresAt);

/// <summary>
/// The generated link key, kept once for every node (used only when Paging:LinkKey is not configured), wrapped under the
/// active master key like a person's key: a copy of the database alone cannot forge acknowledgement links.
/// </summary>
public sealed class PagingLinkKey
{
    public const string DocumentId = "paging-link-key:wrapped";

    /// <summary>What the wrapped key is bound to, so it cannot be swapped with a person's wrapped key.</summary>
    public const string KeyPurpose = "casemanagement:paging-link-key";

    public string Id { get; set; } = DocumentId;
    public WrappedKey Key { get; set; } = null!;
}

/// <summary>
/// Acknowledgement links: "{tenant}.{page}.{step}.{expiry}.{signature}", the tenant in base64url and the signature an HMAC-SHA256 over
/// the rest, so the link alone says where to record the acknowledgement and nobody can make one up or stretch its expiry. Single use
/// follows from the page: once acknowledged, every link of it is refused.
/// </summary>
public sealed class PageLinks(IDocumentStore store, MasterKeyRing ring, IOptions<PagingOptions> options)
{
    private byte[]? _key;

    public async Task<string> TokenAsync(string tenant, Guid pageId, int step, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var payload = $"{Base64Url(Encoding.UTF8.GetBytes(tenant))}.{pageId:N}.{step.ToString(CultureInfo.InvariantCulture)}." +
                      expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{payload}.{Base64Url(HMACSHA256.HashData(await KeyAsync(ct), Encoding.ASCII.GetBytes(payload)))}";
    }

    /// <returns>The link, or why it is refused (forged, altered, malformed or expired).</returns>
    public async Task<(PageLink? Link, string? Problem)> ReadAsync(string? token, DateTimeOffset now, CancellationToken ct)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 5 || !TryBase64Url(parts[0], out var tenantBytes) || !Guid.TryParseExact(parts[1], "N", out var pageId) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var step) ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || !TryBase64Url(parts[4], out var signature))
        {
            return (null, "the acknowledgement link is malformed; use the link exactly as the page sent it");
        }

        var expected = HMACSHA256.HashData(await KeyAsync(ct), Encoding.ASCII.GetBytes(string.Join('.', parts[..4])));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (null, "the acknowledgement link's signature does not match: it was not issued by this service or was altered");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return expiresAt <= now
            ? (null, $"the acknowledgement link expired at {expiresAt.UtcDateTime:O}; acknowledge through the API (POST /api/pages/{pageId}/acknowledge) instead")
            : (new PageLink(Encoding.UTF8.GetString(tenantBytes), pageId, step, expiresAt), null);
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } known)
        {
            return known;
        }

        if (options.Value.LinkKey is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return _key = bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{PagingOptions.Section}:LinkKey must be the base64 of at least 32 bytes.");
        }

        return _key = ring.Unwrap(PagingLinkKey.KeyPurpose, await StoredKeyAsync(ct));
    }

    private async Task<WrappedKey> StoredKeyAsync(CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<PagingLinkKey>(PagingLinkKey.DocumentId, ct) is { } stored)
            {
                return stored.Key;
            }
        }

        try
        {
            await using var session = store.LightweightSession();
            var generated = new PagingLinkKey { Key = ring.Wrap(PagingLinkKey.KeyPurpose, RandomNumberGenerator.GetBytes(PiiCipher.DataKeyBytes)) };
            session.Insert(generated);
            // An earlier build kept the key unwrapped under this id; links signed with it expire within hours, so it goes.
            session.Delete<PagingLinkKey>("paging-link-key");
            await session.SaveChangesAsync(ct);
            return generated.Key;
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another node generated it first: everyone uses that one.
            await using var query = store.QuerySession();
            return (await query.LoadAsync<PagingLinkKey>(PagingLinkKey.DocumentId, ct))!.Key;
        }
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        bytes = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(text.Length)];
        if (!System.Buffers.Text.Base64Url.TryDecodeFromChars(text, bytes, out var length))
        {
            return false;
        }

        bytes = bytes[..length];
        return true;
    }
}
