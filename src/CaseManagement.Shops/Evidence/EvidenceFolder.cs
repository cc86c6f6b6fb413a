using System.Security.Cryptography;

namespace CaseManagement.Shops.Evidence;

/// <summary>
/// Where a bundle is written: a hidden staging folder next to the target, renamed into place once complete, so a
/// bundle folder never holds half a bundle. Folders and files are the owner's only: evidence holds personal data.
/// </summary>
internal static class EvidenceFolder
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <returns>The empty staging folder.</returns>
    public static string Stage(string target)
    {
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new IOException($"{target} already holds files; a bundle is never written over existing evidence.");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"{target} is a root folder; name a folder for the bundle.");
        CreateOwnerOnly(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        CreateOwnerOnly(staging);
        return staging;
    }

    public static void Publish(string staging, string target)
    {
        // Not recursive: should anything have appeared in the empty target meanwhile, this fails instead of deleting it.
        if (Directory.Exists(target))
        {
            Directory.Delete(target);
        }

        Directory.Move(staging, target);
    }

    /// <summary>
    /// Creates the file and hashes its plaintext (SHA-256, lower-case hex) as <paramref name="write"/> writes it; with a
    /// <paramref name="key"/> the bytes stored are encrypted (<see cref="EvidenceCipher"/>), the hash and size stay the plaintext's.
    /// </summary>
    public static async Task<(long Bytes, string Sha256)> WriteFileAsync(string path, Func<Stream, Task> write, byte[]? key, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        await using var file = new FileStream(path, options);
        using var sha256 = SHA256.Create();
        long bytes;
        await using (var sealing = key is null ? null : EvidenceCipher.Seal(file, key, Path.GetFileName(path)))
        {
            await using (var hashing = new CryptoStream(sealing ?? (Stream)file, sha256, CryptoStreamMode.Write, leaveOpen: true))
            {
                await write(hashing);
                await hashing.FlushFinalBlockAsync(ct);
            }

            sealing?.Finish();
            bytes = sealing?.Plaintext ?? file.Length;
        }

        file.Flush(flushToDisk: true);
        return (bytes, Convert.ToHexStringLower(sha256.Hash!));
    }

    /// <summary>The file's plaintext: decrypted with <paramref name="key"/>, or as stored when there is none (bundles written before ADR 22's encryption).</summary>
    public static Stream OpenRead(string path, byte[]? key)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        return key is null ? file : EvidenceCipher.Open(file, key, Path.GetFileName(path));
    }

    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerReadWrite | UnixFileMode.UserExecute);
        }
    }
}
