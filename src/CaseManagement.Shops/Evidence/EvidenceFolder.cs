using System.Security.Cryptography;

namespace CaseManagement.Shops.Evidence;

/// <summary>
/// A bundle kept as a folder of files. It is written into a hidden staging folder next to the target and renamed into place
/// once complete, so a bundle folder never holds half a bundle. Folders and files are the owner's only: evidence holds personal data.
/// </summary>
public sealed class EvidenceFolder(string directory) : IEvidenceLocation
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Name { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    public Task<Stream?> OpenStoredAsync(string file, CancellationToken ct)
    {
        try
        {
            // The manifest only ever names files in the bundle folder; a tampered name cannot point elsewhere.
            return Task.FromResult<Stream?>(new FileStream(Path.Combine(Name, Path.GetFileName(file)), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<IEvidenceStaging> StageAsync(CancellationToken ct)
    {
        if (File.Exists(Name) || (Directory.Exists(Name) && Directory.EnumerateFileSystemEntries(Name).Any()))
        {
            throw new IOException($"{Name} already holds files; a bundle is never written over existing evidence.");
        }

        var parent = Path.GetDirectoryName(Name) ?? throw new IOException($"{Name} is a root folder; name a folder for the bundle.");
        CreateOwnerOnly(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(Name)}.partial-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        CreateOwnerOnly(staging);
        return Task.FromResult<IEvidenceStaging>(new Staging(Name, staging));
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

    private sealed class Staging(string target, string folder) : IEvidenceStaging
    {
        private bool _published;

        public Task<Stream> CreateAsync(string file, CancellationToken ct)
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            return Task.FromResult<Stream>(new FileStream(Path.Combine(folder, Path.GetFileName(file)), options));
        }

        public async Task CloseAsync(Stream file, CancellationToken ct)
        {
            ((FileStream)file).Flush(flushToDisk: true);
            await file.DisposeAsync();
        }

        public Task PublishAsync(CancellationToken ct)
        {
            // Not recursive: should anything have appeared in the empty target meanwhile, this fails instead of deleting it.
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(folder, target);
            _published = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_published && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}
