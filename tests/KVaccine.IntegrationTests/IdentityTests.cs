using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

public sealed record RegistrationAnswer(bool Registered, long? UserId, string? UserName, string MaskedRegNumber, int WrongNames, DateTimeOffset? LockedUntil,
    List<CorrectionAnswer> Corrections);

public sealed record CorrectionAnswer(string Action, string? PreviousName, string? NewName, string Reason, string Staff, DateTimeOffset At);

/// <summary>Who a citizen is, against someone who knows their RRN: squatting, guessing names, and names typed two ways.</summary>
public abstract class IdentityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();
    private readonly Api _citizen = app.CreateApi("anonymous");

    private Task<HttpResponseMessage> LookUpAsync(Citizen c) => _api.Http.PostAsJsonAsync("/admin/citizens/lookup", new { c.UserRegNumber });

    [DatabaseFact]
    public async Task A_number_booked_under_another_name_is_a_409_that_says_so_and_an_audited_Admin_correction_gives_it_back()
    {
        var victim = Citizen.New("Minji Park");
        var squatter = victim with { UserName = "Mallory" };
        var date = app.FreshDate();
        (await _citizen.BookAsync(squatter, date)).ReserveStatus.Should().Be("RESERVE");

        var refused = await Api.ProblemAsync(await _citizen.ReserveAsync(victim, app.FreshDate()), HttpStatusCode.Conflict);
        refused.GetProperty("title").GetString().Should().Be("This resident registration number is registered under another name.");
        refused.GetProperty("detail").GetString().Should().Contain("health centre");
        // Status and cancel do not book, so they do not tell a registered number from an unknown one.
        await Api.ProblemAsync(await _citizen.StatusAsync(victim), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _citizen.CancelAsync(victim), HttpStatusCode.NotFound);

        var before = (await Api.ReadAsync<RegistrationAnswer>(await LookUpAsync(victim), HttpStatusCode.OK))!;
        before.Should().BeEquivalentTo(new { Registered = true, UserName = "Mallory", MaskedRegNumber = victim.UserRegNumber[..8] + "******" });
        before.WrongNames.Should().Be(3, "the victim's three tries each counted");

        var corrected = await _api.Http.PostAsJsonAsync("/admin/citizens/name",
            new { victim.UserRegNumber, userName = "Minji  Park", reason = "ID card seen at Mapo health centre" });
        var after = (await Api.ReadAsync<RegistrationAnswer>(corrected, HttpStatusCode.OK))!;
        after.UserName.Should().Be("Minji Park");
        after.WrongNames.Should().Be(0);
        after.Corrections.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Action = "NameCorrected", PreviousName = "Mallory", NewName = "Minji Park", Reason = "ID card seen at Mapo health centre", Staff = "test-staff",
        });

        var status = await _citizen.StatusOfAsync(victim);
        status.Should().BeEquivalentTo(new { UserName = "Minji Park", ReserveDate = date, ReserveStatus = "RESERVE" }, "the booking made with the number is its owner's");
        await Api.ProblemAsync(await _citizen.StatusAsync(squatter), HttpStatusCode.NotFound);
        await _api.SettledAsync();
        (await _api.DashboardAsync()).Where(r => r.UserId == status.UserId).Should().NotBeEmpty()
            .And.OnlyContain(r => r.UserName == "Minji Park", "the copies of every appointment follow the correction");
    }

    [DatabaseFact]
    public async Task Wrong_names_lock_the_number_for_every_name_and_the_citizen_and_an_Admin_see_the_lock()
    {
        var citizen = Citizen.New("Seojun Choi");
        await _citizen.BookAsync(citizen, app.FreshDate());

        for (var guess = 1; guess <= 4; guess++)
            await Api.ProblemAsync(await _citizen.StatusAsync(citizen with { UserName = $"Guess {guess}" }), HttpStatusCode.NotFound);
        var locked = await _citizen.StatusAsync(citizen with { UserName = "Guess 5" });
        var problem = await Api.ProblemAsync(locked, (HttpStatusCode)429);
        problem.GetProperty("detail").GetString().Should().Contain("locked until 2026-11-25 11:00 (UTC+09:00)");
        locked.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromHours(1));

        await Api.ProblemAsync(await _citizen.StatusAsync(citizen), (HttpStatusCode)429); // the right name too: else guessing only has to wait
        await Api.ProblemAsync(await _citizen.ReserveAsync(citizen, app.FreshDate()), (HttpStatusCode)429);

        var record = (await Api.ReadAsync<RegistrationAnswer>(await LookUpAsync(citizen), HttpStatusCode.OK))!;
        record.LockedUntil.Should().Be(KVaccineApp.Start.AddHours(1));

        var unlock = await _api.Http.PostAsJsonAsync("/admin/citizens/unlock", new { citizen.UserRegNumber, reason = "Citizen called with ID card" });
        (await Api.ReadAsync<RegistrationAnswer>(unlock, HttpStatusCode.OK))!.Corrections.Single().Action.Should().Be("Unlocked");
        (await _citizen.StatusOfAsync(citizen)).UserName.Should().Be("Seojun Choi");
        await Api.ProblemAsync(await _api.Http.PostAsJsonAsync("/admin/citizens/unlock", new { citizen.UserRegNumber, reason = "again" }), HttpStatusCode.Conflict);
    }

    [DatabaseFact]
    public async Task A_cancel_refused_by_the_lock_holds_no_key_so_its_retry_after_the_unlock_cancels()
    {
        var citizen = Citizen.New("Yuna Lim");
        await _citizen.BookAsync(citizen, app.FreshDate());
        for (var guess = 1; guess <= 5; guess++) await _citizen.StatusAsync(citizen with { UserName = $"Guess {guess}" });
        HttpRequestMessage Cancel()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/user/cancel") { Content = JsonContent.Create(citizen) };
            request.Headers.Add("Idempotency-Key", "cancel-while-locked");
            return request;
        }

        await Api.ProblemAsync(await _citizen.Http.SendAsync(Cancel()), (HttpStatusCode)429);
        await _api.Http.PostAsJsonAsync("/admin/citizens/unlock", new { citizen.UserRegNumber, reason = "ID card seen" });

        var retried = await _citizen.Http.SendAsync(Cancel());
        retried.Headers.Contains("Idempotency-Replayed").Should().BeFalse("an answer that says to try again later is not final");
        (await Api.ReadAsync<BookingAnswer>(retried, HttpStatusCode.OK))!.ReserveStatus.Should().Be("CANCEL");
    }

    [DatabaseFact]
    public async Task A_wrong_name_and_an_unknown_number_answer_alike_and_both_count()
    {
        var registered = Citizen.New("Jiwoo Han");
        await _citizen.BookAsync(registered, app.FreshDate());
        var unknown = Citizen.New("Jiwoo Han");

        foreach (var route in new[] { "/user/status", "/user/cancel" })
        {
            var wrongName = await _citizen.Http.PostAsJsonAsync(route, registered with { UserName = "Someone Else" });
            var unknownNumber = await _citizen.Http.PostAsJsonAsync(route, unknown);
            wrongName.StatusCode.Should().Be(unknownNumber.StatusCode).And.Be(HttpStatusCode.NotFound);
            (await WithoutTraceAsync(wrongName)).Should().Be(await WithoutTraceAsync(unknownNumber));
        }
        (await Api.ReadAsync<RegistrationAnswer>(await LookUpAsync(unknown), HttpStatusCode.OK))!
            .Should().BeEquivalentTo(new { Registered = false, WrongNames = 2 }, "probing unknown numbers counts too");
    }

    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    [DatabaseFact]
    public async Task A_name_is_the_same_in_any_Unicode_form_and_spacing_and_is_counted_in_what_a_person_sees()
    {
        const string composed = "김민준";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        decomposed.Should().NotBe(composed);
        var citizen = Citizen.New(decomposed);
        await _citizen.BookAsync(citizen, app.FreshDate());

        var status = await _citizen.StatusOfAsync(citizen with { UserName = " 김\u3000민준 ".Replace("\u3000", "") });
        status.UserName.Should().Be(composed, "the name is stored composed");
        (await _citizen.StatusOfAsync(citizen with { UserName = "김민준" })).UserId.Should().Be(status.UserId);

        // 50 syllables decomposed are 150 UTF-16 units, and still 50 characters.
        var longest = new string('한', 50).Normalize(NormalizationForm.FormD);
        longest.Length.Should().BeGreaterThan(100);
        (await _citizen.ReserveAsync(Citizen.New(longest), app.FreshDate())).StatusCode.Should().Be(HttpStatusCode.Created);
        var tooLong = await Api.ProblemAsync(await _citizen.ReserveAsync(Citizen.New(new string('한', 51)), app.FreshDate()), HttpStatusCode.BadRequest);
        tooLong.GetProperty("errors").GetProperty("userName")[0].GetString().Should().Be("A name has at most 50 characters.");
    }

    [DatabaseTheory]
    [InlineData("\u200B\u200B")]             // zero-width spaces only
    [InlineData("\u3164")]                   // the Hangul filler
    [InlineData("Kim\u202Eevil")]            // a right-to-left override
    [InlineData("Kim\u2066Lee")]             // a direction isolate
    [InlineData("Kim\u2028[00:00:00 ERR] forged")] // a line separator
    [InlineData("Kim\u00ADLee")]             // a soft hyphen
    [InlineData("...")]                      // no letter at all
    public async Task A_name_nobody_has_is_refused_beside_the_field_and_nothing_is_written(string name)
    {
        var citizen = Citizen.New(name);
        foreach (var response in new[] { await _citizen.ReserveAsync(citizen, app.FreshDate()), await _citizen.StatusAsync(citizen) })
        {
            var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("userName");
        }
        (await Api.ReadAsync<RegistrationAnswer>(await LookUpAsync(citizen), HttpStatusCode.OK))!.Should().BeEquivalentTo(new { Registered = false, WrongNames = 0 });
    }

    [DatabaseFact]
    public async Task A_birth_date_in_the_future_is_refused()
    {
        // The seventh digit 3 puts 991231 in 2099; 261124 (3) was born yesterday: a real number, but no vaccine is for their age.
        var unborn = new Citizen("Future Kid", "991231-3000001");
        var problem = await Api.ProblemAsync(await _citizen.ReserveAsync(unborn, app.FreshDate()), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("userRegNumber")[0].GetString().Should().Be("The resident registration number begins with a date of birth in the future.");
        var newborn = new Citizen("Newborn Kid", "261124-3000001");
        (await Api.ProblemAsync(await _citizen.ReserveAsync(newborn, app.FreshDate()), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("you will be 0 on").And.Contain("Pfizer from 12");
        (await _citizen.StatusAsync(newborn)).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was written");
        await Api.ProblemAsync(await _citizen.ReserveAsync(new Citizen("Tomorrow Kid", "261126-4000001"), app.FreshDate()), HttpStatusCode.BadRequest);
    }
}

public sealed class IdentityTests(KVaccineApp app) : IdentityTests<KVaccineApp>(app);

public sealed class IdentityTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : IdentityTests<KVaccineAppOnPostgreSql>(app);

/// <summary>Wrong names that have run out are forgotten. Its own host: it moves the clock on.</summary>
public sealed class IdentityPruningTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    [Fact]
    public async Task Wrong_names_older_than_the_window_are_pruned_so_probing_cannot_fill_the_disk()
    {
        var api = app.CreateApi();
        var probed = Citizen.New("Nobody Here");
        await Api.ProblemAsync(await api.StatusAsync(probed), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await api.StatusAsync(probed), HttpStatusCode.NotFound);
        async Task<int> WrongNamesAsync() =>
            (await Api.ReadAsync<RegistrationAnswer>(await api.Http.PostAsJsonAsync("/admin/citizens/lookup", new { probed.UserRegNumber }), HttpStatusCode.OK))!.WrongNames;
        (await WrongNamesAsync()).Should().Be(2);

        await Poll.UntilAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromMinutes(30)); // the pruner runs hourly on the host's clock
            return await WrongNamesAsync() == 0;
        }, "the pruner has forgotten the wrong names");
        app.Clock.GetUtcNow().Should().BeOnOrAfter(KVaccineApp.Start.AddMinutes(60), "not before the window ran out");
    }
}
