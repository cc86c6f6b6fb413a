using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Fuzz;

/// <summary>What one request got, and which of the run's rules it broke.</summary>
public sealed record Outcome(Attempt Attempt, RawResponse Response, bool ReachedApplication, IReadOnlyList<string> Broken);

/// <summary>
/// Sends the hostile requests one at a time and checks each answer: never a 5xx (but Kestrel's 505 for an unknown HTTP
/// version); a problem-details body on every error the application itself gave (it stamps X-Request-Id on everything it answers; Kestrel's own refusals of malformed requests carry
/// none and are counted apart); and nothing recorded by a refused request: no event caused by it, no stream it named moved
/// by anything but other work. Except the records whose whole point is the refusal (ADR 22): a download refused for a failed
/// integrity check, a destruction refused because of a hold or an open incident, an erasure refused because of a hold.
/// </summary>
public sealed class FuzzRun(Uri service, string eventStore, TextWriter log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] RefusalRecords = ["evidence_verified", "evidence_destruction_refused", "personal_data_erasure_refused"];

    public async Task<FuzzReport> RunAsync(HostileRequests requests, int count, Func<long>? residentBytes)
    {
        var outcomes = new List<Outcome>(count);
        await using var database = new NpgsqlConnection(eventStore);
        await database.OpenAsync();
        var memory = new List<(int Requests, long Bytes)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var attempt = requests.Next();
            var before = await StreamsAsync(database, attempt.NamedIds);
            var response = await RawHttp.SendAsync(service, attempt.Request, Timeout);
            var reached = response.Header("X-Request-Id") is not null;
            var broken = new List<string>();
            // Kestrel's own 505 to an HTTP version it does not speak (HTTP/1.2) is the protocol's answer, not a failure of the service.
            if (response.Status >= 500 && !(response.Status == 505 && !reached))
            {
                broken.Add($"answered {response.Status}");
            }

            if (response.Status >= 400 && reached && response.Header("Content-Type")?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
            {
                broken.Add($"an error ({response.Status}) without problem details: Content-Type {response.Header("Content-Type") ?? "(none)"}");
            }

            if (response.Status >= 400 && reached)
            {
                broken.AddRange(await RecordedByAsync(database, response.Header("X-Request-Id")!, attempt.NamedIds, before));
            }

            outcomes.Add(new Outcome(attempt, response, reached, broken));
            if (broken.Count > 0)
            {
                log.WriteLine($"#{attempt.Number} {attempt.Family} {attempt.Operation.Id} ({attempt.What}): {string.Join("; ", broken)}");
            }

            if (residentBytes is not null && (i % 250 == 0 || i == count - 1))
            {
                memory.Add((i + 1, residentBytes()));
            }
        }

        return new FuzzReport(outcomes, memory, clock.Elapsed);
    }

    private static async Task<Dictionary<Guid, (long Version, long Sequence)>> StreamsAsync(NpgsqlConnection database, IReadOnlyList<Guid> ids)
    {
        var result = new Dictionary<Guid, (long, long)>();
        if (ids.Count == 0)
        {
            return result;
        }

        await using var command = new NpgsqlCommand(
            "select s.id, s.version, (select coalesce(max(seq_id), 0) from casemanagement.mt_events) from casemanagement.mt_streams s where s.id = any(@ids)", database);
        command.Parameters.AddWithValue("ids", ids.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return result;
    }

    /// <summary>What a refused request left behind: events it caused, or a named stream that moved without others' events to explain it.</summary>
    private static async Task<IEnumerable<string>> RecordedByAsync(NpgsqlConnection database, string requestId, IReadOnlyList<Guid> ids,
        Dictionary<Guid, (long Version, long Sequence)> before)
    {
        var broken = new List<string>();
        await using (var caused = new NpgsqlCommand("select count(*) from casemanagement.mt_events where causation_id = @request and type <> all(@refusals)", database))
        {
            caused.Parameters.AddWithValue("request", requestId);
            caused.Parameters.AddWithValue("refusals", RefusalRecords);
            if ((long)(await caused.ExecuteScalarAsync())! is > 0 and var events)
            {
                broken.Add($"refused, yet {events} event(s) caused by it were recorded");
            }
        }

        var after = await StreamsAsync(database, ids);
        foreach (var (id, (version, sequence)) in before)
        {
            var now = after.GetValueOrDefault(id).Version;
            if (now == version)
            {
                continue;
            }

            await using var others = new NpgsqlCommand(
                "select count(*) from casemanagement.mt_events where stream_id = @id and seq_id > @after and (causation_id is distinct from @request or type = any(@refusals))",
                database);
            others.Parameters.AddWithValue("refusals", RefusalRecords);
            others.Parameters.AddWithValue("id", id);
            others.Parameters.AddWithValue("after", sequence);
            others.Parameters.AddWithValue("request", requestId);
            if ((long)(await others.ExecuteScalarAsync())! < now - version)
            {
                broken.Add($"refused, yet stream {id} moved from version {version} to {now} without other work to explain it");
            }
        }

        return broken;
    }
}

/// <summary>The run's figures and every broken rule, as a person reads them and as JSON for the record.</summary>
public sealed record FuzzReport(IReadOnlyList<Outcome> Outcomes, IReadOnlyList<(int Requests, long Bytes)> Memory, TimeSpan Took)
{
    public IReadOnlyList<Outcome> Broken => [.. Outcomes.Where(o => o.Broken.Count > 0)];

    public IEnumerable<Outcome> NoAnswer => Outcomes.Where(o => o.Response.NoAnswer is not null);

    public string Summary()
    {
        var lines = new List<string>
        {
            $"{Outcomes.Count:N0} requests over {Outcomes.Select(o => o.Attempt.Operation.Id).Distinct().Count()} operations in {Took.TotalSeconds:N0} s",
            $"5xx: {Outcomes.Count(o => o.Broken.Any(b => b.StartsWith("answered 5", StringComparison.Ordinal)))} " +
            $"(and {Outcomes.Count(o => o.Response.Status == 505 && !o.ReachedApplication)} of Kestrel's 505 to an unknown HTTP version); errors without problem details where the application answered: " +
            $"{Outcomes.Count(o => o.Broken.Any(b => b.Contains("problem details", StringComparison.Ordinal)))}; refused requests that recorded something: " +
            $"{Outcomes.Count(o => o.Broken.Any(b => b.StartsWith("refused", StringComparison.Ordinal)))}",
            $"statuses: {string.Join(", ", Outcomes.GroupBy(o => o.Response.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key)} x{g.Count()}"))}",
            $"answered by Kestrel before the application: {string.Join(", ", Outcomes.Where(o => o.Response.Status > 0 && !o.ReachedApplication).GroupBy(o => $"{o.Response.Status} {o.Attempt.Family}").OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}",
            $"no answer: {string.Join(", ", NoAnswer.GroupBy(o => $"{o.Attempt.Family} ({o.Response.NoAnswer})").Select(g => $"{g.Key} x{g.Count()}"))}",
            $"by family: {string.Join(", ", Outcomes.GroupBy(o => o.Attempt.Family).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}",
        };
        if (Memory.Count > 0)
        {
            lines.Add($"service memory (RSS): {string.Join(", ", Memory.Select(m => $"{m.Bytes / 1024 / 1024} MB after {m.Requests}"))}");
        }

        lines.AddRange(Broken.Take(50).Select(o => $"BROKEN #{o.Attempt.Number} {o.Attempt.Family} {o.Attempt.Request.Method} {o.Attempt.Operation.Path} ({o.Attempt.What}): {string.Join("; ", o.Broken)}"));
        return string.Join(Environment.NewLine, lines);
    }

    public string ToJson() => new JsonObject
    {
        ["requests"] = Outcomes.Count,
        ["seconds"] = Math.Round(Took.TotalSeconds, 1),
        ["statuses"] = new JsonObject(Outcomes.GroupBy(o => o.Response.Status).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key.ToString(), (JsonNode?)g.Count()))),
        ["broken"] = new JsonArray([.. Broken.Select(o => (JsonNode?)new JsonObject
        {
            ["number"] = o.Attempt.Number, ["family"] = o.Attempt.Family, ["operation"] = o.Attempt.Operation.Id, ["what"] = o.Attempt.What,
            ["status"] = o.Response.Status, ["broken"] = new JsonArray([.. o.Broken.Select(b => (JsonNode?)b)]),
        })]),
        ["noAnswer"] = new JsonArray([.. NoAnswer.Select(o => (JsonNode?)new JsonObject
        {
            ["number"] = o.Attempt.Number, ["family"] = o.Attempt.Family, ["what"] = o.Attempt.What, ["why"] = o.Response.NoAnswer,
        })]),
        ["memory"] = new JsonArray([.. Memory.Select(m => (JsonNode?)new JsonObject { ["requests"] = m.Requests, ["rssBytes"] = m.Bytes })]),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
