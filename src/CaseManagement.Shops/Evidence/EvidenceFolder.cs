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

    /// <summary>Creates the file and hashes its bytes (SHA-256, lower-case hex) as <paramref name="write"/> writes them.</summary>
    public static async Task<(long Bytes, string Sha256)> WriteFileAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        await using var file = new FileStream(path, options);
        using var sha256 = SHA256.Create();
        await using (var hashing = new CryptoStream(file, sha256, CryptoStreamMode.Write, leaveOpen: true))
        {
            await write(hashing);
            await hashing.FlushFinalBlockAsync(ct);
        }

        file.Flush(flushToDisk: true);
        return (file.Length, Convert.ToHexStringLower(sha256.Hash!));
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
