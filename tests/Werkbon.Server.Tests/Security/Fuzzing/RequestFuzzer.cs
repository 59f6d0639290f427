using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Werkbon.Server.Tests.Security.Fuzzing;

/// <summary>Ids the fuzzer picks from: the company's own rows per resource ("customers", "technicians", …) and another company's.</summary>
public sealed class KnownIds
{
    public Dictionary<string, List<Guid>> Own { get; } = new(StringComparer.Ordinal);

    public List<Guid> Foreign { get; } = [];

    public void Add(string resource, Guid id)
    {
        if (!Own.TryGetValue(resource, out var ids))
        {
            Own[resource] = ids = [];
        }

        ids.Add(id);
    }
}

/// <summary>One request as it is sent, and a short description of what makes it odd, to reproduce a finding.</summary>
public sealed record FuzzRequest(string Method, string Url, byte[]? Body, string? ContentType, string What)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public string Shown(int max = 600)
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, max)) + (Body.Length > max ? $"… ({Body.Length} bytes)" : "");
        return $"{Method} {Url} [{ContentType}] {What}: {body}";
    }
}

/// <summary>
/// Makes requests for a write route from the OpenAPI document with a seeded <see cref="Random"/>: well-formed ones
/// (ids of this company, values a form would send), the same with one member broken (wrong type, left out, sent twice,
/// control characters, 1 MB of text, extreme numbers and dates, 10,000 levels of nesting, another company's id), and
/// bodies broken as a whole (empty, not JSON, wrong content type).
/// </summary>
public sealed class RequestFuzzer(JsonElement document, Random random, KnownIds ids)
{
    private const string Raw = "zz-raw-";
    private const string Duplicate = "zz-duplicate-";
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);
    private readonly JsonElement _schemas = document.GetProperty("components").GetProperty("schemas");
    private int _counter;

    private static readonly JsonSerializerOptions Writing = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads the current version of the row a url names (null when there is none), so a change can be sent on top of
    /// what is stored, as a client does, and a broken member is refused for itself rather than for a stale version.
    /// </summary>
    public Func<string, Task<int?>>? CurrentVersion { get; init; }

    private int? _version;

    /// <summary>A request whose every part is what a client would send.</summary>
    public Task<FuzzRequest> WellFormedAsync(WriteRoute route) => BuildAsync(route, mutate: false);

    /// <summary>A request with something wrong in it, or now and then a well-formed one (which may store, and so moves the data on).</summary>
    public Task<FuzzRequest> NextAsync(WriteRoute route) => BuildAsync(route, mutate: random.Next(8) != 0);

    private async Task<FuzzRequest> BuildAsync(WriteRoute route, bool mutate)
    {
        _raw.Clear();
        var what = new List<string>();

        // 0-5: one member of the body broken; 6: the path or query; 7-8: the body as a whole; 9: content type.
        var attack = mutate ? random.Next(10) : -1;
        byte[]? bytes = null;
        string? contentType = route.Body is null ? null : "application/json";

        // The file upload reads its body itself: the document names no body, so it gets bytes named by their hash.
        var upload = route.Body is null && route.Parameters.Any(IsHash);
        if (upload)
        {
            (bytes, contentType) = Upload(what);
        }

        var brokenParameter = (attack is 6 || (attack is >= 0 and <= 5 && route.Body is null)) && route.Parameters.Count > 0
            ? route.Parameters[random.Next(route.Parameters.Count)]
            : null;
        var path = Parameters(route, "path", brokenParameter, bytes, what);
        var url = route.Path;
        foreach (var (parameter, value) in path)
        {
            url = url.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        _version = null;
        if (route.Method is "PUT" or "DELETE" && CurrentVersion is not null)
        {
            // The row a change is about: the url up to its first id ("/api/invoices/{id}/lines/{index}" → "/api/invoices/{id}").
            var segments = url.Split('/');
            var idAt = Array.FindIndex(route.Path.Split('/'), segment => segment == "{id}");
            _version = await CurrentVersion(idAt < 0 ? url : string.Join('/', segments[..(idAt + 1)]));
        }

        var query = Parameters(route, "query", brokenParameter, bytes, what);
        var body = route.Body is { } schema ? Value(schema, "", route.Resource, 0) : null;
        if (attack is >= 0 and <= 5 && body is not null)
        {
            what.Add(Mutate(ref body, route.Resource));
        }

        if (body is not null)
        {
            bytes = Encoding.UTF8.GetBytes(Serialized(body));
        }

        if (attack is 7 or 8 || (attack == 6 && route.Body is null && !upload && random.Next(2) == 0))
        {
            (bytes, contentType) = WholeBody(bytes, what);
        }
        else if (attack == 9)
        {
            (bytes, contentType) = WrongContentType(bytes, what);
        }

        if (query.Count > 0)
        {
            url += "?" + string.Join('&', query.Select(q => $"{q.Parameter.Name}={Uri.EscapeDataString(q.Value)}"));
        }

        return new FuzzRequest(route.Method, url, bytes, contentType, what.Count == 0 ? "well-formed" : string.Join("; ", what));
    }

    // ---- well-formed values from the schema ----

    private JsonNode? Value(JsonElement schema, string name, string resource, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return Text(name);
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Value(Resolve(reference.GetString()!), name, resource, depth);
        }

        foreach (var choice in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var candidates = options.EnumerateArray().Where(o => !IsNullOnly(o)).ToList();
                if (candidates.Count == 0 || (candidates.Count < options.GetArrayLength() && random.Next(10) == 0))
                {
                    return null;
                }

                return Value(candidates[random.Next(candidates.Count)], name, resource, depth);
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[random.Next(values.GetArrayLength())].GetRawText());
        }

        var types = Types(schema);
        if (types.Contains("null") && random.Next(12) == 0)
        {
            return null;
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("array"))
        {
            var array = new JsonArray();
            if (depth < 4)
            {
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                for (var i = random.Next(3); i > 0; i--)
                {
                    array.Add(Value(items, Singular(name), resource, depth + 1));
                }
            }

            return array;
        }

        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            return Object(schema, resource, depth);
        }

        if (types.Contains("boolean"))
        {
            return random.Next(2) == 0;
        }

        if (types.Contains("integer"))
        {
            return Integer(name);
        }

        if (types.Contains("number"))
        {
            return Number(name);
        }

        return format switch
        {
            "uuid" => Id(name, resource).ToString(),
            "date" => new DateOnly(2026, 1, 1).AddDays(random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => new DateTimeOffset(2026, 3, 1 + random.Next(28), 7 + random.Next(10), 0, 0, TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            _ => Text(name),
        };
    }

    private JsonObject Object(JsonElement schema, string resource, int depth)
    {
        var result = new JsonObject();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (required.Contains(property.Name) || random.Next(3) != 0)
                {
                    result[property.Name] = depth < 6 ? Value(property.Value, property.Name, resource, depth + 1) : null;
                }
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object && depth < 6)
        {
            for (var i = random.Next(3); i > 0; i--)
            {
                result[Pick("technician", "senior", "apprentice", "night")] = Value(additional, "", resource, depth + 1);
            }
        }

        return result;
    }

    private int Integer(string name) => name.ToLowerInvariant() switch
    {
        "version" => _version is { } current && random.Next(4) != 0 ? current : random.Next(4),
        var n when n.Contains("days", StringComparison.Ordinal) => Pick(0, 14, 30, 60),
        var n when n.Contains("index", StringComparison.Ordinal) => random.Next(3),
        var n when n.Contains("protocol", StringComparison.Ordinal) => 1,
        var n when n.Contains("minutes", StringComparison.Ordinal) => Pick(0, 15, 30, 60),
        _ => random.Next(100),
    };

    private decimal Number(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("vat", StringComparison.Ordinal) => Pick(0m, 6m, 21m),
        var n when n.Contains("percent", StringComparison.Ordinal) => random.Next(50),
        _ => Math.Round((decimal)random.NextDouble() * 200m, 2),
    };

    private Guid Id(string name, string resource)
    {
        var roll = random.Next(20);
        if (roll == 0)
        {
            return Guid.NewGuid();
        }

        if (roll == 1 && ids.Foreign.Count > 0)
        {
            return ids.Foreign[random.Next(ids.Foreign.Count)];
        }

        var own = ids.Own.GetValueOrDefault(ResourceOf(name, resource)) ?? ids.Own.Values.SelectMany(v => v).ToList();
        return own.Count == 0 ? Guid.NewGuid() : own[random.Next(own.Count)];
    }

    private static string ResourceOf(string name, string resource)
    {
        var n = name.ToLowerInvariant();
        foreach (var (mark, known) in new[]
        {
            ("workorder", "work-orders"), ("customer", "customers"), ("site", "sites"), ("asset", "assets"), ("technician", "technicians"),
            ("article", "articles"), ("contract", "contracts"), ("report", "reports"), ("invoice", "invoices"), ("user", "users"),
        })
        {
            if (n.Contains(mark, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return resource;
    }

    private string Text(string name)
    {
        var n = name.ToLowerInvariant();
        return n switch
        {
            _ when n.Contains("email", StringComparison.Ordinal) => $"fuzz{random.Next(1000)}@example.be",
            _ when n.Contains("country", StringComparison.Ordinal) => Pick("BE", "NL", "FR"),
            _ when n.Contains("language", StringComparison.Ordinal) => Pick("nl", "fr", "en"),
            _ when n.Contains("unit", StringComparison.Ordinal) => Pick("C62", "HUR", "MTR"),
            _ when n.Contains("ean", StringComparison.Ordinal) => "5410000000019",
            _ when n.Contains("enterprise", StringComparison.Ordinal) => "0403170701",
            _ when n.Contains("vatnumber", StringComparison.Ordinal) => "BE0403170701",
            _ when n.Contains("peppol", StringComparison.Ordinal) => "0208:0403170701",
            _ when n == "role" => Pick("Technician", "Office", "Admin"),
            _ when n.Contains("class", StringComparison.Ordinal) => "technician",
            _ when n.Contains("timezone", StringComparison.Ordinal) => "Europe/Brussels",
            _ when n.Contains("postal", StringComparison.Ordinal) => Pick("2000", "9000", "1000"),
            _ when n.Contains("period", StringComparison.Ordinal) => $"2026-{1 + random.Next(12):00}",
            _ when n.Contains("hash", StringComparison.Ordinal) || n.Contains("sha", StringComparison.Ordinal) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            _ when n.Contains("password", StringComparison.Ordinal) => "Correct-horse-battery-staple-9",
            _ when n.Contains("iban", StringComparison.Ordinal) => "BE68539007547034",
            _ when n.Contains("phone", StringComparison.Ordinal) => "+32 3 123 45 67",
            _ when n.Contains("code", StringComparison.Ordinal) => $"FZ-{random.Next(10_000)}",
            _ => Pick("Onderhoud ketel", "Réparation chaudière", "Boiler service", "Ketel", "Gent", "Meir 1", "Zaakvoerder", "Jaarlijks nazicht") + " " + random.Next(100),
        };
    }

    // ---- broken values ----

    private string Mutate(ref JsonNode? body, string resource)
    {
        var slots = new List<(JsonNode? Parent, string? Member, int Index, string Path)>();
        Collect(body, null, null, -1, "", slots);
        if (slots.Count == 0 || random.Next(12) == 0)
        {
            var (value, shown) = Broken(resource);
            body = value;
            return $"body = {shown}";
        }

        var (parent, member, index, path) = slots[random.Next(slots.Count)];
        switch (random.Next(7))
        {
            case 0 when parent is JsonObject left && member is not null:
                left.Remove(member);
                return $"{path} left out";
            case 1 when parent is JsonObject twice && member is not null:
                var name = $"{Duplicate}{_counter++}";
                _raw[name] = member;
                twice[name] = Broken(resource).Value;
                return $"{path} sent twice";
            case 2 when parent is JsonObject extra:
                extra[Pick("unknown", "__proto__", "$type", "Id", "companyId")] = Broken(resource).Value;
                return $"{path}: an unknown member beside it";
            default:
                var (broken, shownValue) = Broken(resource);
                if (parent is JsonObject o && member is not null)
                {
                    o[member] = broken;
                }
                else if (parent is JsonArray a && index >= 0)
                {
                    a[index] = broken;
                }
                else
                {
                    body = broken;
                }

                return $"{path} = {shownValue}";
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? member, int index, string path, List<(JsonNode?, string?, int, string)> slots)
    {
        if (parent is not null)
        {
            slots.Add((parent, member, index, path));
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    Collect(child, o, key, -1, path.Length == 0 ? key : $"{path}.{key}", slots);
                }

                if (o.Count == 0)
                {
                    slots.Add((o, null, -1, path));
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], a, null, i, $"{path}[{i}]", slots);
                }

                break;
        }
    }

    /// <summary>A value a client should never send where it is put: the value and how it is shown in a finding.</summary>
    private (JsonNode? Value, string Shown) Broken(string resource)
    {
        switch (random.Next(14))
        {
            case 0:
                return RawValue(Pick("{}", "[]", "true", "false", "null", "[null]", "{\"a\":1}", "[1,2,3]", "\"\"", "[[]]", "{\"\":null}"));
            case 1:
                return Str(Pick("\u0000", "a\u0001b", "\u001b[31mred", "tab\there", "line\r\nbreak", "\u007f", "\u0085", "\u2028", "\ufeff", "\uffff"));
            case 2:
                var huge = new string(Pick('x', 'é', ' '), 1 << 20);
                return (JsonValue.Create(huge), "1 MB of text");
            case 3:
                return RawValue(Pick("0", "-1", "-0", "1.5", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1e400", "1E-400",
                    "79228162514264337593543950336", "-79228162514264337593543950336", "0.00000000000000000000000000001", "123456789012345678901234567890.123",
                    "1e28", "4.9e-324"));
            case 4:
                return Str(Pick("NaN", "Infinity", "-Infinity", "1e308", "-1", "79228162514264337593543950336", "0x10", "1,5", " 12 ", "12abc"));
            case 5:
                return Str(Pick("0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+00:00", "9999-12-31T23:59:59-14:00",
                    "0001-01-01T00:00:00+14:00", "2026-02-30", "2026-13-01", "2026-03-10T25:61:00Z", "2026-03-10T08:00:00+25:00", "tomorrow", "2026-3-1", "10/03/2026",
                    "1899-12-31", "2101-01-01", "1970-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"));
            case 6:
                return Str(Pick(Guid.Empty.ToString(), "not-a-guid", Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), "{" + Guid.NewGuid() + "}", "00000000-0000-0000-0000-00000000000g"));
            case 7 when ids.Foreign.Count > 0:
                return Str(ids.Foreign[random.Next(ids.Foreign.Count)].ToString());
            case 8:
                var depth = Pick(100, 1_000, 10_000);
                return random.Next(2) == 0
                    ? RawValue(new string('[', depth) + new string(']', depth), $"{depth} nested arrays")
                    : RawValue(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), $"{depth} nested objects");
            case 9:
                return RawValue("\"\\ud800\"", "a lone surrogate");
            case 10:
                var ownOfAnother = ids.Own.Where(kv => kv.Key != resource && kv.Value.Count > 0).Select(kv => kv.Value).ToList();
                return ownOfAnother.Count == 0 ? Str("") : Str(ownOfAnother[random.Next(ownOfAnother.Count)][0].ToString());
            case 11:
                var count = Pick(2_001, 10_000);
                return RawValue("[" + string.Join(',', Enumerable.Range(0, count).Select(_ => $"\"{Guid.NewGuid()}\"")) + "]", $"{count} ids");
            case 12:
                return Str(Pick("", " ", "💥", "<script>alert(1)</script>", "'; DROP TABLE \"Customers\"; --", "../../etc/passwd", "%00", "Robert'); --", new string('a', 201), new string('9', 5000)));
            default:
                return Str(Pick("Admin", "Technician", "Office", "Private", "Business", "unknown", "technician", "EUR", "C62", "XX"));
        }
    }

    private (JsonNode? Value, string Shown) Str(string text) =>
        (JsonValue.Create(text), JsonSerializer.Serialize(text.Length > 60 ? text[..60] + "…" : text));

    private (JsonNode? Value, string Shown) RawValue(string raw, string? shown = null)
    {
        var key = $"{Raw}{_counter++}";
        _raw[key] = raw;
        return (JsonValue.Create(key), shown ?? raw);
    }

    /// <summary>The body's text, with raw values and duplicate member names put where their stand-ins are.</summary>
    private string Serialized(JsonNode? body)
    {
        var text = body?.ToJsonString(Writing) ?? "null";
        foreach (var (key, value) in _raw)
        {
            text = key.StartsWith(Duplicate, StringComparison.Ordinal)
                ? text.Replace($"\"{key}\":", $"\"{value}\":", StringComparison.Ordinal)
                : text.Replace($"\"{key}\"", value, StringComparison.Ordinal);
        }

        return text;
    }

    private (byte[]? Body, string? ContentType) WholeBody(byte[]? wellFormed, List<string> what)
    {
        var json = "application/json";
        switch (random.Next(13))
        {
            case 0:
                what.Add("an empty body");
                return ([], json);
            case 1:
                what.Add("no body at all");
                return (null, null);
            case 2:
                what.Add("not JSON");
                return (Encoding.UTF8.GetBytes(Pick("{", "{\"a\":}", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "/* c */ {}", "{} {}", "nul", "\"open", "{\"a\":NaN}", "{\"a\":Infinity}", "\u0000")), json);
            case 3:
                what.Add("JSON of another kind");
                return (Encoding.UTF8.GetBytes(Pick("null", "[]", "\"text\"", "42", "true", "[{}]", "{}")), json);
            case 4:
                var depth = Pick(1_000, 10_000);
                what.Add($"{depth} nested levels");
                return (Encoding.UTF8.GetBytes(random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)), json);
            case 5:
                what.Add("1 MB of random bytes");
                var noise = new byte[1 << 20];
                random.NextBytes(noise);
                return (noise, json);
            case 6:
                what.Add("invalid UTF-8 in a string");
                return (wellFormed is { Length: > 2 } ? [.. wellFormed[..^1], .. ",\"x\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()] : [0xFF, 0xFE, 0xFD], json);
            case 7:
                what.Add("a byte order mark before the JSON");
                return ([0xEF, 0xBB, 0xBF, .. wellFormed ?? "{}"u8.ToArray()], json);
            case 8:
                what.Add("garbage after the JSON");
                return ([.. wellFormed ?? "{}"u8.ToArray(), .. "}]x"u8.ToArray()], json);
            case 9:
                what.Add("the JSON cut short");
                var whole = wellFormed ?? "{\"a\":[1,2,3]}"u8.ToArray();
                return (whole[..random.Next(Math.Max(1, whole.Length))], json);
            case 10:
                what.Add("10,000 members");
                return (Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"m{i}\":{i}")) + "}"), json);
            case 11:
                what.Add("UTF-16 declared and sent");
                return (Encoding.Unicode.GetBytes(wellFormed is null ? "{}" : Encoding.UTF8.GetString(wellFormed)), "application/json; charset=utf-16");
            default:
                what.Add("every member name in upper case");
                return (Encoding.UTF8.GetBytes(wellFormed is null ? "{}" : UpperNames(Encoding.UTF8.GetString(wellFormed))), json);
        }
    }

    private static string UpperNames(string json)
    {
        try
        {
            return Upper(JsonNode.Parse(json))?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return json; // not JSON to begin with (an upload's bytes)
        }

        static JsonNode? Upper(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.ToList().Select(kv => KeyValuePair.Create(kv.Key.ToUpperInvariant(), Upper(kv.Value)))),
            JsonArray a => new JsonArray(a.Select(Upper).ToArray()),
            _ => node?.DeepClone(),
        };
    }

    private (byte[]? Body, string? ContentType) WrongContentType(byte[]? wellFormed, List<string> what)
    {
        var type = Pick("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1",
            "application/json; charset=bogus", "image/png", "", "application/json-patch+json", "*/*", "application/problem+json");
        what.Add($"content type \"{type}\"");
        var body = type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) ? "name=x&version=1"u8.ToArray()
            : type.StartsWith("multipart", StringComparison.Ordinal) ? "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--x--\r\n"u8.ToArray()
            : wellFormed ?? "{}"u8.ToArray();
        return (body, type);
    }

    private (byte[] Body, string ContentType) Upload(List<string> what)
    {
        byte[] bytes;
        switch (random.Next(6))
        {
            case 0:
                bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                what.Add("random bytes");
                break;
            case 1:
                bytes = [0xFF, 0xD8, 0xFF, .. "<html><script>alert(1)</script></html>"u8.ToArray()];
                what.Add("a JPEG signature before HTML");
                break;
            case 2:
                bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<svg onload=alert(1)>"u8.ToArray()];
                what.Add("a PNG signature before SVG");
                break;
            case 3:
                bytes = [];
                what.Add("no bytes");
                break;
            case 4:
                bytes = new byte[random.Next(3, 64)];
                random.NextBytes(bytes);
                bytes[0] = 0xFF;
                bytes[1] = 0xD8;
                bytes[2] = 0xFF;
                what.Add("a short JPEG-looking file");
                break;
            default:
                bytes = "{\"not\":\"a photo\"}"u8.ToArray();
                what.Add("JSON instead of a photo");
                break;
        }

        return (bytes, Pick("image/jpeg", "image/png", "application/octet-stream", "text/html", "image/svg+xml"));
    }

    // ---- path and query ----

    private List<(RouteParameter Parameter, string Value)> Parameters(WriteRoute route, string where, RouteParameter? broken, byte[]? upload, List<string> what)
    {
        var result = new List<(RouteParameter, string)>();
        foreach (var parameter in route.Parameters.Where(p => p.In == where))
        {
            if (parameter == broken)
            {
                var value = BrokenParameter(route);
                if (value is null)
                {
                    what.Add($"{parameter.Name} left out");
                    continue;
                }

                what.Add($"{parameter.Name} = \"{(value.Length > 40 ? value[..40] + "…" : value)}\"");
                result.Add((parameter, value));
            }
            else if (parameter.In == "path" || parameter.Required || random.Next(2) == 0)
            {
                result.Add((parameter, WellFormedParameter(route, parameter, upload)));
            }
        }

        return result;
    }

    private string WellFormedParameter(WriteRoute route, RouteParameter parameter, byte[]? upload)
    {
        if (IsHash(parameter))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(upload ?? []));
            return random.Next(5) == 0 ? Pick(hash.ToUpperInvariant(), hash[..63], hash + "0", new string('0', 64), new string('g', 64)) : hash;
        }

        var value = Value(parameter.Schema, parameter.Name == "id" ? route.Resource : parameter.Name, route.Resource, 0);
        return value switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };
    }

    private string? BrokenParameter(WriteRoute route) => random.Next(12) switch
    {
        0 => null,
        1 => "",
        2 => "not-a-guid",
        3 => Guid.Empty.ToString(),
        4 => Guid.NewGuid().ToString(),
        5 when ids.Foreign.Count > 0 => ids.Foreign[random.Next(ids.Foreign.Count)].ToString(),
        6 => Pick("-1", "0", "2147483648", "99999999999999999999", "1e308", "NaN"),
        7 => Pick("0001-01", "9999-12", "2026-00", "2026-13", "0000-01", "-2026-01", "2026-1", "202603", "2026-03-10", "9999-12-31"),
        8 => Pick("true", "false", "yes", "2", "TRUE"),
        9 => new string('a', Pick(300, 5_000)),
        // Not NUL: the server refuses a path holding one before the app sees the request.
        10 => Pick("%00", "a\u0001b", "\u001b[2J", "../..", "..%2F..", "💥"),
        _ => ids.Own.Where(kv => kv.Key != route.Resource && kv.Value.Count > 0).Select(kv => kv.Value[0].ToString()).FirstOrDefault() ?? "x",
    };

    // ---- helpers ----

    private static bool IsHash(RouteParameter parameter) => parameter.Name.Contains("sha", StringComparison.OrdinalIgnoreCase);

    private JsonElement Resolve(string reference) => _schemas.GetProperty(reference[(reference.LastIndexOf('/') + 1)..]);

    private static bool IsNullOnly(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal) : [type.GetString()!];
    }

    private static string Singular(string name) => name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name;

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
}
