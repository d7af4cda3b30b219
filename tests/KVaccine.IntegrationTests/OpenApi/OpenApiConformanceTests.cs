using System.Net;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests.OpenApi;

/// <summary>
/// Every operation the document describes, called for real with requests made from the document (see
/// <see cref="Requests"/>): each answer's status is one the document lists for it, and its body validates against the
/// documented schema. A request that breaks one documented constraint is a 400; a body too large 413, not JSON 415;
/// without a token 401, with the wrong role 403; an Idempotency-Key reused with another body 422; a route of a module
/// switched off 503.
/// </summary>
/// <remarks>The only test of its class: it moves the clock a day on, to the day its citizens booked, so that injections can be recorded.</remarks>
public abstract class OpenApiConformanceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _staff = app.CreateApi();

    [DatabaseFact]
    public async Task Every_operation_answers_only_statuses_it_documents_with_bodies_of_their_schemas()
    {
        var document = await ApiDocument.ReadAsync(_staff.Http);
        var requests = new Requests(document, app.FreshDate);
        var booked = await BookOneEachAsync(document.Operations);

        foreach (var operation in document.Operations)
        {
            // A request the document calls valid is not refused as invalid: the API checks no more than the document says.
            var stranger = Persona.Stranger(KVaccineApp.Tomorrow);
            (await CallAsync(document, operation, requests.Valid(operation, stranger), "valid, about no one the API knows")).Should().NotBe(400, operation.Name);
            var valid = requests.Valid(operation, booked[operation.Name]);
            (await CallAsync(document, operation, valid, "valid, about a citizen booked for today")).Should().NotBe(400, operation.Name);

            foreach (var (what, invalid) in requests.Invalid(valid))
                (await CallAsync(document, operation, invalid, what)).Should().Be(400, $"{operation.Name} must refuse a request whose {what}");

            if (operation.BodySchema is not null)
            {
                var large = valid.With(r => r.Body!["padding"] = new string('a', 17 * 1024));
                (await CallAsync(document, operation, large, "with a body over 16 KiB")).Should().Be(413, operation.Name);
                (await CallAsync(document, operation, valid with { ContentType = "text/plain" }, "with a body of text/plain")).Should().Be(415, operation.Name);
            }
            if (operation.IsSecured)
            {
                (await CallAsync(document, operation, valid, "without a token", app.CreateApi("anonymous"))).Should().Be(401, operation.Name);
                (await CallAsync(document, operation, valid, "with a role of no staff", app.CreateApi("Visitor"))).Should().Be(403, operation.Name);
            }
            if (operation.Parameters.Any(p => p.GetProperty("name").GetString() == IdempotentRoute.Header))
                await RetriesAsync(document, operation, requests);
        }

        await WithModulesOffAsync(document, requests);
    }

    /// <summary>For each operation a citizen of its own, holding a RESERVE booking with a vaccine secured for the day the clock is then moved to.</summary>
    private async Task<Dictionary<string, Persona>> BookOneEachAsync(IReadOnlyList<Operation> operations)
    {
        var answers = new Dictionary<string, (Citizen Citizen, BookingAnswer Answer)>();
        foreach (var operation in operations)
        {
            var citizen = Citizen.New("Open Api");
            answers[operation.Name] = (citizen, await _staff.BookAsync(citizen, KVaccineApp.Tomorrow));
        }
        await _staff.SettledAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var rows = await _staff.HospitalBookingsAsync(KVaccineApp.Tomorrow);
        return answers.ToDictionary(a => a.Key, a =>
        {
            var row = rows.Single(r => r.UserId == a.Value.Answer.UserId);
            row.VaccineType.Should().NotBeNull("a vaccine is secured before the day");
            return new Persona(a.Value.Citizen, row.UserId, row.BookingId, row.VaccineType!, KVaccineApp.Tomorrow);
        });
    }

    /// <summary>The same key again: the same body gets the first answer, another body a 422.</summary>
    private async Task RetriesAsync(ApiDocument document, Operation operation, Requests requests)
    {
        var key = Guid.NewGuid().ToString();
        var first = requests.Valid(operation, Persona.Stranger(KVaccineApp.Tomorrow)).With(r => r.Headers[IdempotentRoute.Header] = key);
        var answer = await CallAsync(document, operation, first, "with an Idempotency-Key");
        (await CallAsync(document, operation, first, "retried with its Idempotency-Key")).Should().Be(answer, $"{operation.Name} answers a retry as the first");
        // Without a body, two strangers' requests are the same request (the only path value is a dead letter's id, the same for all).
        if (first.Body is null) return;
        var other = requests.Valid(operation, Persona.Stranger(KVaccineApp.Tomorrow)).With(r => r.Headers[IdempotentRoute.Header] = key);
        other.Body?.ToJsonString().Should().NotBe(first.Body?.ToJsonString(), $"two strangers' requests to {operation.Name} differ");
        (await CallAsync(document, operation, other, "another body with the same Idempotency-Key")).Should().Be(422, operation.Name);
    }

    /// <summary>With every module switched off, each module's routes answer 503, as documented; the rest answer as ever.</summary>
    private async Task WithModulesOffAsync(ApiDocument document, Requests requests)
    {
        var modules = app.Services.GetRequiredService<IReadOnlyList<IModule>>().Select(m => m.Name).ToList();
        var ofModules = document.Operations.Where(o => o.Tags.Any(modules.Contains)).ToList();
        ofModules.Should().NotBeEmpty();
        try
        {
            foreach (var module in modules) app.SetModuleEnabled(module, false);
            await Poll.UntilAsync(async () =>
            {
                foreach (var operation in ofModules)
                {
                    using var message = requests.Valid(operation, Persona.Stranger(KVaccineApp.Tomorrow)).ToMessage();
                    if ((await _staff.Http.SendAsync(message)).StatusCode != HttpStatusCode.ServiceUnavailable) return false;
                }
                return true;
            }, "every module's routes answer 503");
            foreach (var operation in document.Operations)
            {
                var status = await CallAsync(document, operation, requests.Valid(operation, Persona.Stranger(KVaccineApp.Tomorrow)), "with every module off");
                if (ofModules.Contains(operation)) status.Should().Be(503, operation.Name);
            }
        }
        finally
        {
            foreach (var module in modules) app.SetModuleEnabled(module, true);
        }
        await Poll.UntilAsync(async () => (await _staff.Http.GetAsync("/stock")).StatusCode == HttpStatusCode.OK, "the modules are back");
    }

    private async Task<int> CallAsync(ApiDocument document, Operation operation, RequestSpec request, string what, Api? client = null)
    {
        using var message = request.ToMessage();
        using var response = await (client ?? _staff).Http.SendAsync(message);
        return await document.AssertDocumentsAsync(operation, response, what);
    }
}

public sealed class OpenApiConformanceTests(KVaccineApp app) : OpenApiConformanceTests<KVaccineApp>(app);

public sealed class OpenApiConformanceTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : OpenApiConformanceTests<KVaccineAppOnPostgreSql>(app);

