namespace CaseManagement.Shops.Evidence;

/// <summary>
/// Where one evidence bundle's files are kept, as their stored bytes (encrypted above this layer by <see cref="EvidenceCipher"/>):
/// a folder (<see cref="EvidenceFolder"/>) or the service's database. A bundle appears whole once published, or not at all.
/// </summary>
public interface IEvidenceLocation
{
    /// <summary>How messages name it: a folder's full path, or the bundle's name in the database.</summary>
    string Name { get; }

    /// <summary>The stored bytes of one file of the published bundle, read as a stream; null when the bundle or the file is not there.</summary>
    Task<Stream?> OpenStoredAsync(string file, CancellationToken ct);

    /// <summary>Begins a bundle that nobody sees until it is published.</summary>
    /// <exception cref="IOException">A bundle is there already: evidence is never written over.</exception>
    Task<IEvidenceStaging> StageAsync(CancellationToken ct);
}

/// <summary>A bundle being written. Disposed without being published, it leaves nothing behind.</summary>
public interface IEvidenceStaging : IAsyncDisposable
{
    /// <summary>A new file of the bundle, for its stored bytes; end it with <see cref="CloseAsync"/>.</summary>
    Task<Stream> CreateAsync(string file, CancellationToken ct);

    /// <summary>Ends a file <see cref="CreateAsync"/> made: its bytes are durable when this returns.</summary>
    Task CloseAsync(Stream file, CancellationToken ct);

    /// <summary>Makes the whole bundle visible at once.</summary>
    /// <exception cref="IOException">Another writer published a bundle there first; this one is discarded.</exception>
    Task PublishAsync(CancellationToken ct);
}
