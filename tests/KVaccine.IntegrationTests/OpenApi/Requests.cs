using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KVaccine.IntegrationTests.OpenApi;

/// <summary>Who a request is about: the values a test gives the API's fields, by the fields' names.</summary>
public sealed record Persona(Citizen Citizen, long UserId, long BookingId, string VaccineType, DateOnly Day)
{
    private static long _next = 900_000;

    /// <summary>No one the API knows: a new citizen, ids no row has (each stranger's their own, so two requests differ).</summary>
    public static Persona Stranger(DateOnly today)
    {
        var id = Interlocked.Increment(ref _next);
        return new(Citizen.New("Open Api"), id, id, "Pfizer", today);
    }
}

/// <summary>A request built from an operation's description: its parameters and body, each field from a value.</summary>
public sealed record RequestSpec(Operation Operation, Dictionary<string, JsonNode?> Path, Dictionary<string, JsonNode?> Query,
    Dictionary<string, string> Headers, JsonObject? Body)
{
    public string ContentType { get; init; } = "application/json";

    public HttpRequestMessage ToMessage()
    {
        var path = Path.Aggregate(Operation.Path, (p, v) => p.Replace("{" + v.Key + "}", Uri.EscapeDataString(Text(v.Value)), StringComparison.Ordinal));
        var query = string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(Text(q.Value))}"));
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method.ToUpperInvariant()), query.Length > 0 ? $"{path}?{query}" : path);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null) message.Content = new StringContent(Body.ToJsonString(), Encoding.UTF8, ContentType);
        return message;
    }

    public RequestSpec With(Action<RequestSpec> change)
    {
        var copy = this with
        {
            Path = new(Path), Query = new(Query), Headers = new(Headers), Body = Body?.DeepClone().AsObject(),
        };
        change(copy);
        return copy;
    }

    public static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
}

/// <summary>
/// Requests made from the document alone, so a route added later is covered as soon as it is described: a valid one,
/// whose fields take the persona's values by their names, and, for each constraint the document states, one that
/// breaks it and nothing else.
/// </summary>
public sealed class Requests(ApiDocument document, Func<DateOnly> freshDate)
{
    public RequestSpec Valid(Operation operation, Persona persona)
    {
        var spec = new RequestSpec(operation, [], [], [], null);
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean();
            var value = ValueOf(name, parameter.GetProperty("schema"), persona);
            switch (parameter.GetProperty("in").GetString())
            {
                case "path":
                    spec.Path[name] = value ?? throw Unknown(operation, name);
                    break;
                case "query" when value is not null:
                    spec.Query[name] = value;
                    break;
                case "query" or "header" when required:
                    throw Unknown(operation, name);
            }
        }
        if (operation.BodySchema is { } bodySchema)
        {
            var body = new JsonObject();
            var schema = document.Resolve(bodySchema);
            var required = Required(schema);
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                var value = ValueOf(property.Name, property.Value, persona);
                if (value is not null) body[property.Name] = value;
                else if (required.Contains(property.Name)) throw Unknown(operation, property.Name);
            }
            spec = spec with { Body = body };
        }
        return spec;
    }

    /// <summary>For each field, each constraint the document states of it, broken alone.</summary>
    public IEnumerable<(string What, RequestSpec Request)> Invalid(RequestSpec valid)
    {
        foreach (var parameter in valid.Operation.Parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString();
            // A path that does not match is no route at all: only constraints that keep the type are the route's to refuse.
            foreach (var (what, value) in Violations(parameter.GetProperty("schema"), required: false, location == "query" ? Typed.NotAsNumbers : Typed.No))
            {
                // The test server drops a header with no value: it is as if none was sent.
                if (location == "header" && RequestSpec.Text(value).Length == 0) continue;
                yield return ($"{location} {name} {what}", valid.With(r =>
                {
                    switch (location)
                    {
                        case "path": r.Path[name] = value; break;
                        case "query": r.Query[name] = value; break;
                        default: r.Headers[name] = RequestSpec.Text(value); break;
                    }
                }));
            }
        }
        if (valid.Operation.BodySchema is not { } bodySchema) yield break;
        var schema = document.Resolve(bodySchema);
        var required = Required(schema);
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            foreach (var (what, value) in Violations(property.Value, required.Contains(property.Name), Typed.Yes))
            {
                yield return ($"body {property.Name} {what}", valid.With(r =>
                {
                    if (what == "omitted") r.Body!.Remove(property.Name);
                    else r.Body![property.Name] = value?.DeepClone();
                }));
            }
        }
    }

    /// <summary>Which values of another type a field can be sent: in a query every value is text, and text may be digits.</summary>
    private enum Typed { No, NotAsNumbers, Yes }

    private IEnumerable<(string What, JsonNode? Value)> Violations(JsonElement schema, bool required, Typed typeChanges)
    {
        schema = document.Resolve(schema);
        var candidates = new List<(string, JsonNode?)>();
        if (required)
        {
            candidates.Add(("omitted", null));
            candidates.Add(("null", null));
        }
        var type = TypeOf(schema);
        if (type == "string")
        {
            if (Int(schema, "maxLength") is { } max) candidates.Add(($"of {max + 1} characters", new string('a', max + 1)));
            if (Int(schema, "minLength") is { } min and > 0) candidates.Add(($"of {min - 1} characters", new string('a', min - 1)));
            if (schema.TryGetProperty("pattern", out var pattern))
            {
                var broken = new[] { "!", "a", "1", "\u0001", "a b" }.FirstOrDefault(c => !System.Text.RegularExpressions.Regex.IsMatch(c, pattern.GetString()!));
                if (broken is not null) candidates.Add(($"not matching {pattern.GetString()}", broken));
            }
            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date") candidates.Add(("not a real day", "2026-02-30"));
            if (typeChanges == Typed.Yes) candidates.Add(("a number", 12));
        }
        if (type == "integer")
        {
            if (Long(schema, "minimum") is { } min) candidates.Add(($"below {min}", min - 1));
            if (Long(schema, "exclusiveMinimum") is { } xmin) candidates.Add(($"not above {xmin}", xmin));
            if (Long(schema, "maximum") is { } max) candidates.Add(($"above {max}", max + 1));
            if (Long(schema, "exclusiveMaximum") is { } xmax) candidates.Add(($"not below {xmax}", xmax));
            if (typeChanges != Typed.No) candidates.Add(("not a number", "x"));
        }
        foreach (var (what, value) in candidates)
        {
            // A violation the schema itself accepts would test nothing: the generator must have gone wrong.
            if (what != "omitted") document.Validate(schema, value).Valid.Should().BeFalse($"{value?.ToJsonString()} breaks {schema.GetRawText()} ({what})");
            yield return (what, value);
        }
    }

    /// <summary>The test's value for a field of the API, by its name; null for an optional field it leaves out.</summary>
    private JsonNode? ValueOf(string field, JsonElement schema, Persona persona)
    {
        JsonNode? value = field.ToLowerInvariant() switch
        {
            "username" => persona.Citizen.UserName,
            "userregnumber" => persona.Citizen.UserRegNumber,
            "userid" => persona.UserId,
            "bookingid" => persona.BookingId,
            "vaccinetype" => persona.VaccineType,
            "reservedate" => freshDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date" => persona.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // Differs from one persona to the next, so that two requests differ.
            "quantity" => 1 + persona.UserId % 10,
            "reason" => "ID card seen at the health centre",
            // A delivery id; no delivery of this host is dead-lettered.
            "id" => 999_999,
            "idempotency-key" => null,
            // The default site, and what makes one: it holds no one's data.
            "siteid" => 1,
            "name" => $"Open Api Site {persona.UserId}",
            "region" => "Seoul",
            "vaccinetypes" => new JsonArray("Pfizer"),
            "hours" => new JsonObject { ["Monday"] = "09:00-18:00" },
            "slotminutes" => 30,
            "firstdosecapacity" => 5,
            "seconddosecapacity" => 5,
            _ => null,
        };
        if (value is not null)
            document.Validate(schema, value).Valid.Should().BeTrue($"the test's value {value.ToJsonString()} for {field} must fit its schema {schema.GetRawText()}");
        return value;
    }

    private static InvalidOperationException Unknown(Operation operation, string field) =>
        new($"{operation.Name} needs a field '{field}' that the test has no value for: give it one in {nameof(Requests)}.{nameof(ValueOf)}.");

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private static string? TypeOf(JsonElement schema) => schema.TryGetProperty("type", out var type)
        ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).First(t => t != "null") : type.GetString()
        : null;

    private static int? Int(JsonElement schema, string keyword) => schema.TryGetProperty(keyword, out var v) ? v.GetInt32() : null;

    private static long? Long(JsonElement schema, string keyword) => schema.TryGetProperty(keyword, out var v) ? v.GetInt64() : null;
}
