using System.Net;
using System.Text.RegularExpressions;
using KVaccine.BuildingBlocks.KeyRing;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>
/// The keys that seal the pages' cookies and form tokens are the database's, not a host's: a sign-in form one host
/// served is accepted by another host of the same database, and the cookie that one set opens on the first.
/// </summary>
public sealed partial class KeyRingOnPostgreSql : IAsyncLifetime
{
    private static readonly WebApplicationFactoryClientOptions NoCookieJar = new() { AllowAutoRedirect = false, HandleCookies = false };

    private readonly KVaccineAppOnPostgreSql _first = new();
    private KVaccineAppOnPostgreSql? _second;

    public Task InitializeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task A_citizen_signs_in_on_one_host_with_a_form_from_another_and_the_first_opens_the_cookie()
    {
        var first = _first.CreateClient(NoCookieJar); // started first: it migrates the database
        _second = new KVaccineAppOnPostgreSql { Beside = _first };
        var second = _second.CreateClient(NoCookieJar);
        var citizen = Citizen.New("Minji Park");

        var form = await first.GetAsync("/");
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = citizen.UserName, ["UserRegNumber"] = citizen.UserRegNumber, ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("Cookie", Cookies(form));
        var signedIn = await second.SendAsync(signIn);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the second host opened the first one's form token: " + await signedIn.Content.ReadAsStringAsync());
        using var appointments = new HttpRequestMessage(HttpMethod.Get, signedIn.Headers.Location);
        appointments.Headers.Add("Cookie", Cookies(signedIn));
        var page = await first.SendAsync(appointments);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the first host opened the second one's sign-in cookie");
        (await page.Content.ReadAsStringAsync()).Should().Contain(citizen.UserName);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    [GeneratedRegex(""""name="__RequestVerificationToken" type="hidden" value="([^"]+)"""")]
    private static partial Regex FormToken();

    public async Task DisposeAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}

/// <summary>On SQLite the keys are in the one file, on the volume that outlives the container.</summary>
public sealed class KeyRingOnSqlite(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    [DatabaseFact]
    public async Task The_key_that_sealed_a_page_s_form_is_kept_in_the_database()
    {
        (await app.CreateClient().GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<KeyRingDbContext>().DataProtectionKeys.ToListAsync();
        keys.Should().NotBeEmpty().And.OnlyContain(k => k.Xml!.Contains("<key "));
    }
}
