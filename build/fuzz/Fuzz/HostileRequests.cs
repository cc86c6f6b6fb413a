using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fuzz;

/// <summary>One request the run sends: which operation it aims at, what was done to it, and the bytes.</summary>
public sealed record Attempt(int Number, string Family, Operation Operation, RawRequest Request, string What, IReadOnlyList<Guid> NamedIds);

/// <summary>
/// Hostile variants of requests to every operation (issue 15's list): wrong types, missing and extra fields, huge strings, deep
/// JSON, invalid UTF-8, control characters, unknown enum words, extreme numbers and dates, nil and malformed GUIDs, wrong
/// content types, oversized bodies, duplicate keys, path traversal, header abuse, malformed request lines, wrong methods and
/// query abuse; a share of plain valid requests keeps the service in states where the deeper code is reached.
/// </summary>
public sealed class HostileRequests(ApiDescription api, Fixtures fixtures, string token, Uri service, int seed)
{
    private static readonly (string Family, int Weight)[] Families =
    [
        ("valid", 10), ("wrong-type", 6), ("missing-field", 4), ("extra-field", 3), ("huge-string", 4), ("deep-json", 3), ("invalid-utf8", 4),
        ("control-characters", 8), ("unknown-enum", 4), ("extreme-number", 4), ("extreme-instant", 6), ("null-element", 5), ("bad-guid", 6),
        ("path-traversal", 4), ("content-type", 4), ("oversized-body", 3), ("duplicate-keys", 3), ("header-abuse", 6), ("malformed-request-line", 3),
        ("wrong-method", 3), ("query-abuse", 5), ("no-credentials", 2),
    ];

    private static readonly string[] ControlCharacters = ["\u0000", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u2066", "\ud800", "\udfff", "\r\n", "\t"];

    private static readonly string[] ExtremeInstants =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2199-12-31T23:59:59Z",
        "2200-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-20T08:00:00", "2026-11-20", "2026-11-20T25:00:00Z", "+275760-09-13T00:00:00Z",
        "2026-11-20T08:00:00+14:01", "2026-11-20T08:00:00.12345678Z", "", "now",
    ];

    private static readonly JsonNode?[] ExtremeNumbers =
    [
        JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MaxValue), JsonValue.Create(1e308), JsonValue.Create(-1e308),
        JsonValue.Create(1.5), JsonValue.Create("NaN"), JsonValue.Create("9223372036854775808"), JsonValue.Create(decimal.MaxValue),
    ];

    private static readonly string[] BadGuids =
    [
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000001}",
        "0", "%00", "..%2F..%2Fetc%2Fpasswd", new string('f', 300), "00000000000000000000000000000001", "00000000-0000-0000-0000-000000000001%00",
    ];

    private static readonly string[] Traversals =
    [
        "..", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....%2F%2F....%2F%2Fetc", "%00", "a%00b", "..\\..\\windows",
        "%252e%252e%252f", "manifest.json%00.png", "%C0%AE%C0%AE%2F", "con", new string('a', 2000), "%E2%80%AEgnp.exe",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/json-patch+json", "application/problem+json", "*/*", "application/jsonx", ";;;", "application/json\u0000",
    ];

    private readonly Random _random = new(seed);
    private int _count;

    public Attempt Next()
    {
        var family = Pick();
        var operation = family == "wrong-method" || _random.Next(3) > 0 || !api.Operations.Any(o => o.BodySchema is not null)
            ? api.Operations[_random.Next(api.Operations.Count)]
            : WithBody();
        var named = new List<Guid>();
        var path = Path(operation, named);
        var query = Query(operation);
        var body = operation.BodySchema is null ? null : api.Sample(operation.BodySchema, "", fixtures, _random);
        var headers = new List<(string, string)>
        {
            ("Host", service.Authority), ("Authorization", $"Bearer {token}"), ("Accept", "application/json"), ("Connection", "close"),
        };
        var context = new Draft(operation.Method, path, query, body, null, headers, "application/json", null);
        var what = Mutate(family, operation, context, named);
        return new Attempt(++_count, family, operation, context.Build(), what, named);
    }

    private string Pick()
    {
        var roll = _random.Next(Families.Sum(f => f.Weight));
        foreach (var (family, weight) in Families)
        {
            if ((roll -= weight) < 0)
            {
                return family;
            }
        }

        return "valid";
    }

    private Operation WithBody()
    {
        var withBody = api.Operations.Where(o => o.BodySchema is not null).ToList();
        return withBody[_random.Next(withBody.Count)];
    }

    private string Path(Operation operation, List<Guid> named)
    {
        var path = operation.Path;
        foreach (var parameter in operation.InPath)
        {
            string value;
            if (parameter.Schema["format"]?.GetValue<string>() == "uuid")
            {
                var id = fixtures.IdFor(parameter.Name, _random);
                named.Add(id);
                value = id.ToString();
            }
            else
            {
                value = Uri.EscapeDataString(fixtures.Word(parameter.Name, _random).ToString());
            }

            path = path.Replace($"{{{parameter.Name}}}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private List<(string Name, string Value)> Query(Operation operation) =>
    [
        .. operation.InQuery.Where(_ => _random.Next(3) == 0).Select(p => (p.Name, p.Name switch
        {
            "asOf" or "from" or "to" or "since" => fixtures.RecentInstant(_random).ToString(),
            "page" => "1",
            "pageSize" => "20",
            "version" => "1",
            _ => fixtures.Word(p.Name, _random).ToString(),
        })),
    ];

    /// <summary>Applies the family's damage to the draft and says what it did.</summary>
    private string Mutate(string family, Operation operation, Draft draft, List<Guid> named)
    {
        switch (family)
        {
            case "valid":
                return "as described";
            case "wrong-type":
                return Replace(draft, _ => Pick<JsonNode?>(JsonValue.Create(42), JsonValue.Create(true), new JsonArray("x"), new JsonObject { ["x"] = 1 }, JsonValue.Create("x")), "a value of another type");
            case "missing-field":
                return Remove(draft);
            case "extra-field":
                if (draft.Body is JsonObject extra)
                {
                    extra[$"unexpected{_random.Next(100)}"] = "surprise";
                }

                return "an unknown field";
            case "huge-string":
                var size = Pick(10_000, 70_000, 200_000, 250_000);
                return Replace(draft, _ => new string('x', size), $"a string of {size:N0} characters");
            case "deep-json":
                var depth = Pick(65, 500, 5_000, 50_000);
                draft.RawBody = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
                return $"JSON nested {depth:N0} deep";
            case "invalid-utf8":
                var utf8 = Encoding.UTF8.GetBytes(Serialize(draft.Body ?? new JsonObject { ["text"] = "abc" }));
                var at = Array.IndexOf(utf8, (byte)'"', utf8.Length > 4 ? _random.Next(1, utf8.Length - 2) : 0);
                var broken = Pick<byte[]>([0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]);
                draft.RawBody = at < 0 ? [.. utf8, .. broken] : [.. utf8[..(at + 1)], .. broken, .. utf8[(at + 1)..]];
                return $"bytes {Convert.ToHexString(broken)} that are not UTF-8";
            case "control-characters":
                var control = ControlCharacters[_random.Next(ControlCharacters.Length)];
                if (_random.Next(3) == 0 && operation.InQuery.Any())
                {
                    draft.Query.Add((operation.InQuery.First().Name, Uri.EscapeDataString(control.Replace("\ud800", "x").Replace("\udfff", "y")) + "x"));
                    return $"U+{(int)control[0]:X4} in a query value";
                }

                return Replace(draft, old => $"{old}{control}", $"U+{(int)control[0]:X4} in a text field", textOnly: true);
            case "unknown-enum":
                return Replace(draft, _ => "ransomware-from-mars", "an unknown enum word", textOnly: true);
            case "extreme-number":
                return Replace(draft, _ => ExtremeNumbers[_random.Next(ExtremeNumbers.Length)]?.DeepClone(), "an extreme number");
            case "extreme-instant":
                var instant = ExtremeInstants[_random.Next(ExtremeInstants.Length)];
                if (operation.InQuery.FirstOrDefault(p => p.Name is "asOf" or "from" or "to") is { } instantParameter && (draft.Body is null || _random.Next(2) == 0))
                {
                    draft.Query.Add((instantParameter.Name, Uri.EscapeDataString(instant)));
                    return $"{instantParameter.Name}={instant}";
                }

                return Replace(draft, _ => instant, $"the instant {instant}", instantsOnly: true);
            case "null-element":
                return Nulls(draft);
            case "bad-guid":
                var bad = BadGuids[_random.Next(BadGuids.Length)];
                var guids = operation.InPath.Where(p => p.Schema["format"]?.GetValue<string>() == "uuid").ToList();
                if (guids.Count > 0)
                {
                    var victim = guids[_random.Next(guids.Count)];
                    draft.Path = WithSegment(operation, draft.Path, victim.Name, bad);
                    named.Clear();
                    return $"{victim.Name}={bad}";
                }

                return Replace(draft, _ => bad, $"the id {bad} in the body", guidsOnly: true);
            case "path-traversal":
                var traversal = Traversals[_random.Next(Traversals.Length)];
                var strings = operation.InPath.Where(p => p.Schema["format"]?.GetValue<string>() != "uuid").ToList();
                if (strings.Count == 0)
                {
                    draft.Path += "/" + traversal;
                    return $"{traversal} appended to the path";
                }

                var segment = strings[_random.Next(strings.Count)];
                draft.Path = WithSegment(operation, draft.Path, segment.Name, traversal);
                return $"{segment.Name}={traversal}";
            case "content-type":
                draft.ContentType = _random.Next(5) == 0 ? null : ContentTypes[_random.Next(ContentTypes.Length)];
                return $"Content-Type {draft.ContentType ?? "(none)"}";
            case "oversized-body":
                return Oversize(draft);
            case "duplicate-keys":
                if (draft.Body is JsonObject duplicated && duplicated.Count > 0)
                {
                    var (key, value) = duplicated.First();
                    draft.RawBody = Encoding.UTF8.GetBytes($"{{\"{key}\":{value?.ToJsonString() ?? "null"},{Serialize(duplicated)[1..]}");
                    return $"the field {key} twice";
                }

                draft.RawBody = "{\"a\":1,\"a\":2}"u8.ToArray();
                return "a field twice";
            case "header-abuse":
                return Headers(draft);
            case "malformed-request-line":
                return RequestLine(draft);
            case "wrong-method":
                draft.Method = Pick("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", operation.Method == "GET" ? "POST" : "GET");
                return $"{draft.Method} instead of {operation.Method}";
            case "query-abuse":
                var name = operation.InQuery.Select(p => p.Name).DefaultIfEmpty("shop").ElementAt(0);
                var (abuse, said) = Pick<(string, string)>(
                    (new string('q', 20_000), "a query value of 20,000 characters"), ("%zz%", "broken percent-encoding"), ("%00", "a NUL"),
                    ("2026-11-20T08:00:00+01:00", "an unescaped + in an instant"), ("%ED%A0%80", "an encoded surrogate"), ("%E2%80%AE", "an encoded bidi override"));
                draft.Query.Add((name, abuse));
                if (_random.Next(2) == 0)
                {
                    draft.Query.Add((name, "again"));
                    draft.Query.Add(($"unknown{_random.Next(10)}", "x"));
                }

                return $"{name}: {said}";
            case "no-credentials":
                draft.Headers.RemoveAll(h => h.Name == "Authorization");
                if (_random.Next(2) == 0)
                {
                    draft.Headers.Add(("Authorization", Pick("Bearer", "Bearer x.y.z", "Basic YTpi", $"Bearer {token[..^3]}xyz", "Bearer " + new string('a', 4000))));
                }

                return "no valid credentials";
            default:
                throw new InvalidOperationException(family);
        }
    }

    // Each route value is one segment of the path, in the same place as in the operation's template.
    private static string WithSegment(Operation operation, string path, string parameter, string value)
    {
        var parts = path.Split('/');
        parts[Array.IndexOf(operation.Path.Split('/'), $"{{{parameter}}}")] = value;
        return string.Join('/', parts);
    }

    private string Oversize(Draft draft)
    {
        var size = Pick(300 * 1024, 1024 * 1024, 4 * 1024 * 1024);
        switch (_random.Next(3))
        {
            case 0:
                draft.RawBody = Encoding.UTF8.GetBytes($"{{\"text\":\"{new string('x', size)}\"}}");
                return $"a body of {size / 1024:N0} KiB";
            case 1:
                draft.RawBody = Encoding.UTF8.GetBytes("{\"text\":\"short\"}");
                draft.ContentLength = (size * 10L).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return $"Content-Length {size * 10L:N0} with a short body";
            default:
                draft.Chunked = true;
                draft.RawBody = Encoding.UTF8.GetBytes($"{{\"text\":\"{new string('x', size)}\"}}");
                return $"a chunked body of {size / 1024:N0} KiB";
        }
    }

    private string Headers(Draft draft)
    {
        switch (_random.Next(10))
        {
            case 0:
                draft.Headers.Add(("X-Padding", new string('h', Pick(20_000, 40_000, 70_000))));
                return "a huge header";
            case 1:
                for (var i = 0; i < 150; i++)
                {
                    draft.Headers.Add(($"X-Many-{i}", "x"));
                }

                return "150 headers";
            case 2:
                draft.Headers.Add(("If-Match", Pick("yesterday", "\"-1\"", "\"99999999999999999999\"", "W/\"3\", \"4\"", new string('9', 5000))));
                return "a hostile If-Match";
            case 3:
                draft.Headers.Add(("Idempotency-Key", Pick(new string('k', 5000), "ключ", " ", "a,b")));
                return "a hostile Idempotency-Key";
            case 4:
                draft.Headers.Add(("X-Correlation-Id", Pick(new string('c', 500), "\u00ff\u00fe", "a b c")));
                return "a hostile X-Correlation-Id";
            case 5:
                draft.ContentLength = "12, 13";
                return "two Content-Lengths";
            case 6:
                draft.Headers.Add(("Transfer-Encoding", "chunked"));
                return "Transfer-Encoding with Content-Length";
            case 7:
                draft.Headers.RemoveAll(h => h.Name == "Host");
                draft.Headers.Add(("Host", Pick("", "evil.example", "a b", "[::1")));
                return "a hostile Host";
            case 8:
                draft.Headers.RemoveAll(h => h.Name == "Accept");
                draft.Headers.Add(("Accept", Pick("text/html", "application/xml", "image/png", "*/*;q=x")));
                return "an Accept the API does not speak";
            default:
                draft.Headers.Add(("X-Binary", "\u0001\u0002"));
                return "control bytes in a header value";
        }
    }

    private string RequestLine(Draft draft)
    {
        var target = draft.Target();
        var (line, said) = Pick<(string, string)>(
            ($"GET  {target} HTTP/1.1", "two spaces"), ($"GET {target}", "no version"), ($"G ET {target} HTTP/1.1", "a space in the method"),
            ($"get {target} HTTP/1.1", "a lower-case method"), ($"GET {target} HTTP/1.2", "HTTP/1.2"), ($"GET {target} HTTP/2.0", "HTTP/2.0 in HTTP/1 framing"),
            ($"GET http://evil.example{target} HTTP/1.1", "an absolute target for another host"), ("GET * HTTP/1.1", "an asterisk target"),
            ($"GET {target.TrimStart('/')} HTTP/1.1", "a target without a slash"), ($"GET /{new string('a', 20_000)} HTTP/1.1", "a 20,000-character target"),
            ($"GET {target}\u0000 HTTP/1.1", "a NUL in the target"), ($"GET /api/\u00e9\u00e8 HTTP/1.1", "raw non-ASCII in the target"),
            ("\r\n\r\n", "empty lines only"), ($"{new string('X', 300)} {target} HTTP/1.1", "a 300-character method"));
        draft.RawHead = Encoding.Latin1.GetBytes($"{line}\r\nHost: {service.Authority}\r\nConnection: close\r\n\r\n");
        return said;
    }

    private string Replace(Draft draft, Func<JsonNode?, JsonNode?> change, string said, bool textOnly = false, bool instantsOnly = false, bool guidsOnly = false)
    {
        var slots = Slots(draft.Body).Where(s => (!textOnly || s.Value is JsonValue v && v.TryGetValue<string>(out _))
                                                 && (!instantsOnly || s.Value?.ToString() is { } i && i.Length >= 10 && i[4] == '-' && char.IsAsciiDigit(i[0]))
                                                 && (!guidsOnly || Guid.TryParse(s.Value?.ToString(), out _))).ToList();
        if (slots.Count == 0)
        {
            draft.Body = new JsonObject { ["text"] = change(JsonValue.Create("x")) };
            return $"{said} (as the whole body)";
        }

        var (parent, key, index, value) = slots[_random.Next(slots.Count)];
        var replacement = change(value);
        if (parent is JsonObject o)
        {
            o[key!] = replacement;
        }
        else if (parent is JsonArray a)
        {
            a[index] = replacement;
        }

        return $"{said} at {key ?? $"[{index}]"}";
    }

    private string Remove(Draft draft)
    {
        if (draft.Body is JsonObject o && o.Count > 0)
        {
            var key = o.ElementAt(_random.Next(o.Count)).Key;
            o.Remove(key);
            return $"{key} left out";
        }

        draft.RawBody = [];
        return "no body";
    }

    private string Nulls(Draft draft)
    {
        var arrays = Slots(draft.Body).Where(s => s.Value is JsonArray or JsonObject).ToList();
        if (arrays.Count == 0)
        {
            return Replace(draft, _ => null, "null");
        }

        var (_, key, _, value) = arrays[_random.Next(arrays.Count)];
        switch (value)
        {
            case JsonArray array:
                array.Add(null);
                return $"a null item in {key}";
            case JsonObject map:
                map[$"k{_random.Next(10)}"] = null;
                return $"a null value in {key}";
        }

        return "null";
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index, JsonNode? Value)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    yield return (o, key, -1, value);
                    foreach (var inner in Slots(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i, a[i]);
                    foreach (var inner in Slots(a[i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>A request being damaged: every part a family may change, then the bytes.</summary>
    private sealed class Draft(string method, string path, List<(string, string)> query, JsonNode? body, byte[]? rawBody,
        List<(string Name, string Value)> headers, string? contentType, string? contentLength)
    {
        public string Method { get; set; } = method;
        public string Path { get; set; } = path;
        public List<(string Name, string Value)> Query { get; } = query;
        public JsonNode? Body { get; set; } = body;
        public byte[]? RawBody { get; set; } = rawBody;
        public List<(string Name, string Value)> Headers { get; } = headers;
        public string? ContentType { get; set; } = contentType;
        public string? ContentLength { get; set; } = contentLength;
        public bool Chunked { get; set; }
        public byte[]? RawHead { get; set; }

        public string Target() => Query.Count == 0 ? Path : $"{Path}?{string.Join('&', Query.Select(q => $"{q.Name}={q.Value}"))}";

        public RawRequest Build()
        {
            var body = RawBody ?? (Body is null ? null : Encoding.UTF8.GetBytes(Serialize(Body)));
            var headers = new List<(string, string)>(Headers);
            if (body is not null || Method is "POST" or "PUT" or "PATCH")
            {
                if (ContentType is not null)
                {
                    headers.Add(("Content-Type", ContentType));
                }

                if (Chunked && body is not null)
                {
                    headers.Add(("Transfer-Encoding", "chunked"));
                    var chunked = new MemoryStream();
                    for (var offset = 0; offset < body.Length; offset += 8192)
                    {
                        var length = Math.Min(8192, body.Length - offset);
                        chunked.Write(Encoding.ASCII.GetBytes($"{length:X}\r\n"));
                        chunked.Write(body, offset, length);
                        chunked.Write("\r\n"u8);
                    }

                    chunked.Write("0\r\n\r\n"u8);
                    body = chunked.ToArray();
                }
                else
                {
                    headers.Add(("Content-Length", ContentLength ?? (body?.Length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            return new RawRequest(Method, Target(), headers, body, RawHead);
        }
    }
}
