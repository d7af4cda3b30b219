using System.Text.Json;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document against the host's own endpoints and their metadata: every route is in it, with the security,
/// headers and answers its metadata gives it, enums as the API writes them, and no trace of a build.
/// </summary>
public sealed class OpenApiDocumentTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private readonly Api _api = app.CreateApi("anonymous");

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        document.Root.GetProperty("openapi").GetString().Should().StartWith("3.1");
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(document.Text, "json");
        read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}").Should().BeEmpty();
        read.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}").Should().BeEmpty();
    }

    [Fact]
    public async Task Every_endpoint_of_the_host_is_in_the_document()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        var endpoints = Endpoints().ToList();
        endpoints.Should().NotBeEmpty();
        foreach (var (method, path, _) in endpoints)
            document.Find(method, path).Should().NotBeNull($"{method} {path} is a route of the host, so the document must describe it");
        document.Operations.Select(o => o.Name).Should().OnlyContain(name => endpoints.Any(e => $"{e.Method} {e.Path}" == name),
            "the document describes only routes the host has");
    }

    [Fact]
    public async Task Anonymous_routes_have_no_security_requirement_and_staff_routes_need_a_bearer_token()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        document.Root.TryGetProperty("security", out _).Should().BeFalse("a requirement for the whole document would cover the citizens' routes too");
        foreach (var (method, path, metadata) in Endpoints())
        {
            var operation = document.Find(method, path)!;
            var secured = metadata.GetOrderedMetadata<IAuthorizeData>().Any() && metadata.GetMetadata<IAllowAnonymous>() is null;
            operation.IsSecured.Should().Be(secured, $"{operation.Name} {(secured ? "needs" : "needs no")} token");
            if (secured)
                operation.Node.GetProperty("security")[0].TryGetProperty("Bearer", out _).Should().BeTrue(operation.Name);
            operation.Documents(401).Should().Be(secured, operation.Name);
            operation.Documents(403).Should().Be(secured, operation.Name);
        }
        document.Find("post", "/user/reserve")!.IsSecured.Should().BeFalse("a citizen books without a token");
        document.Find("post", "/hospital/inject")!.IsSecured.Should().BeTrue();
    }

    [Fact]
    public async Task Every_idempotent_route_documents_the_optional_Idempotency_Key_header_and_its_refusals()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        foreach (var (method, path, metadata) in Endpoints())
        {
            var operation = document.Find(method, path)!;
            var header = operation.Parameters.SingleOrDefault(p => p.GetProperty("name").GetString() == IdempotentRoute.Header);
            if (metadata.GetMetadata<IdempotentRoute>() is null)
            {
                header.ValueKind.Should().Be(JsonValueKind.Undefined, $"{operation.Name} takes no Idempotency-Key");
                continue;
            }
            header.ValueKind.Should().Be(JsonValueKind.Object, $"{operation.Name} takes an Idempotency-Key");
            header.GetProperty("in").GetString().Should().Be("header");
            (header.TryGetProperty("required", out var required) && required.GetBoolean()).Should().BeFalse("the key is optional");
            header.GetProperty("schema").GetProperty("maxLength").GetInt32().Should().Be(IdempotentRoute.MaxKeyLength);
            operation.Documents(409).Should().BeTrue($"{operation.Name}: a retry while the first is in flight");
            operation.Documents(422).Should().BeTrue($"{operation.Name}: the key reused with another body");
        }
        document.Find("post", "/user/reserve")!.Parameters.Should().Contain(p => p.GetProperty("name").GetString() == IdempotentRoute.Header);
    }

    [Fact]
    public async Task Every_route_under_a_rate_budget_documents_429_with_Retry_After()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        foreach (var (method, path, metadata) in Endpoints())
        {
            var operation = document.Find(method, path)!;
            var budgeted = metadata.GetMetadata<Overload.OverloadBudget>() is not null;
            operation.Documents(429).Should().Be(budgeted, operation.Name);
            if (budgeted)
                operation.Node.GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _).Should().BeTrue(operation.Name);
        }
    }

    [Fact]
    public async Task Enums_are_strings_with_the_names_the_API_writes()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        var enums = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("KVaccine.", StringComparison.Ordinal))
            .SelectMany(a => a.GetTypes()).Where(t => t.IsEnum).ToList();
        var schemas = document.Root.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        schemas.Select(s => s.Name).Should().Contain(["BookingStatus", "LedgerKind"]);
        foreach (var schema in schemas)
        {
            schema.Value.GetProperty("type").GetString().Should().Be("string", $"{schema.Name} is written by name");
            var type = enums.Should().ContainSingle(t => t.Name == schema.Name, $"the schema {schema.Name} is an enum of the API").Subject;
            schema.Value.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).Should().Equal(Enum.GetNames(type));
        }
        Descendants(document.Root).Where(n => n.TryGetProperty("enum", out _))
            .SelectMany(n => n.GetProperty("enum").EnumerateArray()).Should().OnlyContain(v => v.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Requests_state_the_rules_their_validators_enforce()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);
        var schemas = document.Root.GetProperty("components").GetProperty("schemas");

        var reserve = document.Resolve(document.Find("post", "/user/reserve")!.BodySchema!.Value);
        reserve.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().BeEquivalentTo(["userName", "userRegNumber", "reserveDate"]);
        var properties = reserve.GetProperty("properties");
        // 50 characters as a person counts them, each with its marks: at most 200 code points, which is what JSON Schema counts.
        properties.GetProperty("userName").GetProperty("maxLength").GetInt32().Should().Be(200);
        properties.GetProperty("userRegNumber").GetProperty("pattern").GetString().Should().Be(@"^\d{6}-?\d{7}$");
        properties.GetProperty("reserveDate").GetProperty("format").GetString().Should().Be("date");
        properties.GetProperty("reserveDate").GetProperty("pattern").GetString().Should().Be(@"^\d{4}-\d{2}-\d{2}$");
        var quantity = schemas.GetProperty("ReceiveDosesCommand").GetProperty("properties").GetProperty("quantity");
        (quantity.GetProperty("minimum").GetInt32(), quantity.GetProperty("maximum").GetInt32()).Should().Be((1, 1_000_000));
    }

    [Fact]
    public async Task No_description_names_a_build_path()
    {
        var document = await ApiDocument.ReadAsync(_api.Http);

        document.Text.Should().NotContain("bin/").And.NotContain("obj/");
        var texts = Descendants(document.Root).SelectMany(n => n.EnumerateObject())
            .Where(p => p.Name is "description" or "summary" && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString()!).ToList();
        texts.Should().NotBeEmpty().And.OnlyContain(t => !t.Contains("Debug") && !t.Contains("bin/"));
    }

    /// <summary>The host's routes, as the document would name them: method, path with its parameters bare, metadata.</summary>
    private IEnumerable<(string Method, string Path, EndpointMetadataCollection Metadata)> Endpoints()
    {
        _ = _api; // the host is started
        // The web pages are for people, not the API's clients: the document leaves them out. The gRPC methods are
        // described by their contract (the .proto files, and reflection).
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null
                                 && e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null))
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                _ => throw new InvalidOperationException($"{endpoint.RoutePattern.RawText}: a route part the test cannot name"),
            }))));
            // Health checks answer any method; the document describes their GET.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods) yield return (method, path, endpoint.Metadata);
        }
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            yield return node;
            foreach (var child in node.EnumerateObject().SelectMany(p => Descendants(p.Value))) yield return child;
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray().SelectMany(Descendants)) yield return child;
        }
    }
}
