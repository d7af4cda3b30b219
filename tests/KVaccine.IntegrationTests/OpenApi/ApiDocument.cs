using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KVaccine.IntegrationTests.OpenApi;

/// <summary>One operation of the document: a method on a path, as the document describes it.</summary>
public sealed record Operation(string Method, string Path, JsonElement Node)
{
    public string Name => $"{Method.ToUpperInvariant()} {Path}";

    public IEnumerable<JsonElement> Parameters =>
        Node.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : [];

    public JsonElement? BodySchema =>
        Node.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").GetProperty("application/json").GetProperty("schema") : null;

    public bool IsSecured => Node.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

    public IEnumerable<string> Tags => Node.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!) : [];

    public bool Documents(int status) => Node.GetProperty("responses").TryGetProperty(status.ToString(), out _);
}

/// <summary>
/// The OpenAPI document the host serves, and the check of a real answer against it: its status is documented for the
/// operation, its media type too, and its body validates (JSON Schema 2020-12, formats asserted) against the schema.
/// </summary>
public sealed class ApiDocument
{
    public const string Route = "/swagger/v1/swagger.json";

    private readonly JsonNode _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private ApiDocument(string text)
    {
        Text = text;
        Root = JsonDocument.Parse(text).RootElement.Clone();
        _definitions = JsonNode.Parse(LocalRefs(Root.GetProperty("components").GetProperty("schemas").GetRawText()))!;
        Operations = Root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => new Operation(op.Name, path.Name, op.Value)))
            .ToList();
    }

    public string Text { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<Operation> Operations { get; }

    public static async Task<ApiDocument> ReadAsync(HttpClient http) => new(await http.GetStringAsync(Route));

    public Operation? Find(string method, string path) =>
        Operations.SingleOrDefault(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && o.Path == path);

    /// <summary>A schema with its <c>$ref</c> followed, if it is one.</summary>
    public JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>Whether the instance validates against the schema; the errors if not.</summary>
    public (bool Valid, string Errors) Validate(JsonElement schema, JsonNode? instance)
    {
        var compiled = _schemas.GetOrAdd(schema.GetRawText(), raw =>
        {
            var root = JsonNode.Parse(LocalRefs(raw))!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
                new Uri($"https://kvaccine.test/schemas/{Guid.NewGuid():N}"));
        });
        var element = JsonSerializer.SerializeToElement(instance);
        var result = compiled.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return (result.IsValid, string.Join("; ", errors));
    }

    /// <summary>Asserts that the answer is one the document gives for the operation; returns its status.</summary>
    public async Task<int> AssertDocumentsAsync(Operation operation, HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var context = $"{operation.Name} ({what}) answered {status} {Shorten(body)}";
        operation.Node.GetProperty("responses").TryGetProperty(status.ToString(), out var documented)
            .Should().BeTrue($"the document must list every status the route answers: {context}");

        if (documented.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
                response.Headers.Contains(header.Name).Should().BeTrue($"the document promises the {header.Name} header: {context}");
        }
        if (body.Length == 0)
        {
            documented.TryGetProperty("content", out _).Should().BeFalse($"the document promises a body: {context}");
            return status;
        }
        documented.TryGetProperty("content", out var content).Should().BeTrue($"the document promises no body: {context}");
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        content.TryGetProperty(mediaType, out var media).Should().BeTrue($"the document names {content.GetRawText()}, not {mediaType}: {context}");
        var instance = IsJson(response.Content.Headers.ContentType) ? JsonNode.Parse(body) : JsonValue.Create(body);
        var (valid, errors) = Validate(media.GetProperty("schema"), instance);
        valid.Should().BeTrue($"the body must validate against the documented schema ({errors}): {context}");
        return status;
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal));

    private static string LocalRefs(string json) => json.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "…";
}
