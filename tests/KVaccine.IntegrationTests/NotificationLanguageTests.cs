using System.Net;
using System.Net.Http.Json;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>
/// A citizen's language is kept with their record: Korean unless a request asks for English, and every notification
/// after it, the ones the other modules' events cause included, is written in it.
/// </summary>
public abstract class NotificationLanguageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    private Task<HttpResponseMessage> ReserveAsync(Citizen c, string? language) =>
        _api.Http.PostAsJsonAsync("/user/reserve", new { c.UserName, c.UserRegNumber, reserveDate = KVaccineApp.Tomorrow.ToString("yyyy-MM-dd"), language });

    /// <summary>Newest first, as the status answers them.</summary>
    private async Task<List<string>> MessagesAsync(Citizen c) => (await _api.StatusOfAsync(c)).Notifications.Select(n => n.Message).ToList();

    [DatabaseFact]
    public async Task A_citizen_who_asks_for_nothing_is_written_to_in_Korean()
    {
        var citizen = Citizen.New("김하늘");
        (await ReserveAsync(citizen, null)).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();

        var messages = await MessagesAsync(citizen);
        messages.Should().Contain(m => m.StartsWith("김하늘님, 예방접종이 예약되었습니다: ") && m.Contains(KVaccineApp.Tomorrow.ToString("yyyy-MM-dd")));
        messages.Should().Contain(m => m.StartsWith("김하늘님, ") && m.Contains("백신을 접종받으십니다"), "the hospital's pick, told by the dispatcher, is in Korean too");
        messages.Should().NotContain(m => m.Contains("your"));
    }

    [DatabaseFact]
    public async Task English_asked_for_once_is_kept_for_every_notification_after_it()
    {
        var citizen = Citizen.New("Haneul Kim");
        (await ReserveAsync(citizen, "en")).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        // The cancellation does not say its language: the record's is used.
        (await _api.CancelDoseAsync(citizen, 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        var messages = await MessagesAsync(citizen);
        messages.Should().Contain(m => m.StartsWith("Haneul Kim, your vaccination is booked: "));
        messages.Should().Contain(m => m.StartsWith("Haneul Kim, you will receive the "));
        messages.Should().Contain(m => m.StartsWith("Haneul Kim, your vaccination booking (") && m.EndsWith(") is cancelled."));
        messages.Should().NotContain(m => m.Contains("님"));

        // Asked for Korean on the next booking: from then on, Korean.
        (await ReserveAsync(citizen, "ko")).StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        var now = await MessagesAsync(citizen);
        var since = now.Take(now.FindIndex(m => m.EndsWith(") is cancelled."))).ToList();
        since.Should().Contain(m => m.StartsWith("Haneul Kim님, 예방접종이 예약되었습니다: "));
        since.Should().OnlyContain(m => m.StartsWith("Haneul Kim님, "), "the booking and the hospital's pick after it are in Korean");
    }

    [DatabaseFact]
    public async Task An_unknown_language_is_refused_naming_the_field_and_nothing_is_written()
    {
        var citizen = Citizen.New();
        var problem = await Api.ProblemAsync(await ReserveAsync(citizen, "fr"), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("language")[0].GetString().Should().Be("The language is ko (Korean, the default) or en (English).");
        (await _api.StatusAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was written");
    }
}

public sealed class NotificationLanguageTests(KVaccineApp app) : NotificationLanguageTests<KVaccineApp>(app);

public sealed class NotificationLanguageTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : NotificationLanguageTests<KVaccineAppOnPostgreSql>(app);
