namespace CaseManagement.ResilienceTests.Broker;

/// <summary>
/// The consumer's rule that puts the broker feed back in order after a broker outage (ADR 29, amended by ADR 36): within a
/// stream (the CloudEvent's <c>subject</c>) versions run 1, 2, 3 … without gaps, so an event is applied only after the one
/// before it; a version already applied is a repeat of the at-least-once outbox and is dropped; one whose predecessor has not
/// arrived yet is held. Whatever stays held names a gap. A consumer that binds its queue after a stream began starts that
/// stream at the version it read from the pull feed (<see cref="StartAt"/>).
/// </summary>
public sealed class StreamOrder<T>
{
    private readonly Dictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<long, T>> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<T>> _streams = new(StringComparer.Ordinal);

    /// <summary>Events waiting for a predecessor now.</summary>
    public int Held => _held.Values.Sum(h => h.Count);

    /// <summary>The most events ever held at once: how far the arrival order strayed.</summary>
    public int MostHeld { get; private set; }

    /// <summary>Repeats dropped.</summary>
    public int Repeats { get; private set; }

    public IReadOnlyList<T> AppliedOf(string stream) => _streams.TryGetValue(stream, out var applied) ? applied : [];

    public IEnumerable<string> Streams => _streams.Keys.Concat(_held.Keys).Distinct();

    /// <summary>The stream's events up to <paramref name="version"/> were applied already (read from the pull feed).</summary>
    public void StartAt(string stream, long version) => _applied[stream] = version;

    public void Receive(string stream, long version, T item)
    {
        var applied = _applied.GetValueOrDefault(stream);
        var held = _held.TryGetValue(stream, out var h) ? h : _held[stream] = new SortedDictionary<long, T>();
        if (version <= applied || held.ContainsKey(version))
        {
            Repeats++;
            return;
        }

        held[version] = item;
        var streamApplied = _streams.TryGetValue(stream, out var s) ? s : _streams[stream] = [];
        while (held.Remove(applied + 1, out var next))
        {
            streamApplied.Add(next);
            applied++;
        }

        _applied[stream] = applied;
        MostHeld = Math.Max(MostHeld, Held);
    }
}
