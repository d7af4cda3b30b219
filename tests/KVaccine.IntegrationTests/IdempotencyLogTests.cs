using System.Net;
using System.Net.Http.Json;
using System.Text;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.IntegrationTests;

/// <summary>A retry answered from its key is an expected outcome: it is no error in the log.</summary>
public abstract class IdempotencyLogTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : LoggedApp
{
    private readonly Api _api = app.CreateApi();

    private Task<HttpResponseMessage> PostAsync(string route, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _api.Http.SendAsync(request);
    }

    [DatabaseFact]
    public async Task Replayed_and_refused_retries_log_no_error()
    {
        var key = Guid.NewGuid().ToString();
        var citizen = Citizen.New();
        var body = new { citizen.UserName, citizen.UserRegNumber, reserveDate = app.FreshDate().ToString("yyyy-MM-dd") };
        (await PostAsync("/user/reserve", body, key)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await PostAsync("/user/reserve", body, key)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await PostAsync("/user/reserve", body with { reserveDate = app.FreshDate().ToString("yyyy-MM-dd") }, key)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await PostAsync("/stock/receipts", new { vaccineType = "Pfizer", quantity = 3 }, key)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync("/stock/receipts", new { vaccineType = "Pfizer", quantity = 3 }, key)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _api.SettledAsync();

        var marker = $"Marker: retries done {key}";
        app.Services.GetRequiredService<ILogger<IdempotencyLogTests<TApp>>>().LogInformation("{Marker}", marker);
        await Poll.UntilAsync(() => File.Exists(app.LogFile) && ReadShared(app.LogFile).Contains(marker), "the log reached the file");
        var errors = ReadShared(app.LogFile).Split('\n').Where(line => line.Contains(" ERR] ") || line.Contains(" FTL] ")).ToList();
        errors.Should().BeEmpty("a replay or a reused key is an expected outcome, not an error");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class IdempotencyLogTests(LoggedApp app) : IdempotencyLogTests<LoggedApp>(app);

public sealed class IdempotencyLogTestsOnPostgreSql(LoggedAppOnPostgreSql app) : IdempotencyLogTests<LoggedAppOnPostgreSql>(app);
