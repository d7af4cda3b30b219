using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
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

        var signedIn = await SignInAsync(first, second, citizen);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the second host opened the first one's form token: " + await signedIn.Content.ReadAsStringAsync());
        using var appointments = new HttpRequestMessage(HttpMethod.Get, signedIn.Headers.Location);
        appointments.Headers.Add("Cookie", Cookies(signedIn));
        var page = await first.SendAsync(appointments);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the first host opened the second one's sign-in cookie");
        (await page.Content.ReadAsStringAsync()).Should().Contain(citizen.UserName);
    }

    /// <summary>Signs the citizen in with the form <paramref name="serving"/> served, posted to <paramref name="posted"/>.</summary>
    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient serving, HttpClient posted, Citizen citizen)
    {
        var form = await serving.GetAsync("/");
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = citizen.UserName, ["UserRegNumber"] = citizen.UserRegNumber, ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("Cookie", Cookies(form));
        return await posted.SendAsync(signIn);
    }

    internal static string Cookies(HttpResponseMessage response) =>
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

/// <summary>A host whose keys are stored encrypted to a certificate of its settings (a PKCS#12 file made for the test).</summary>
public sealed class CertifiedKeyRingApp : KVaccineApp
{
    protected override void Configure(JsonObject settings)
    {
        var file = Path.Combine(Path.GetDirectoryName(SettingsFile)!, "key-ring.pfx");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=K-Vaccine key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, "test-password"));
        settings["KeyRing"] = new JsonObject { ["CertificateFile"] = file, ["CertificatePassword"] = "test-password" };
    }
}

/// <summary>With <c>KeyRing:CertificateFile</c>, the database holds the keys encrypted to it, and a sign-in still works.</summary>
public sealed class KeyRingEncrypted(CertifiedKeyRingApp app) : IClassFixture<CertifiedKeyRingApp>
{
    [DatabaseFact]
    public async Task The_keys_are_stored_encrypted_and_a_sign_in_opens_with_them()
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var citizen = Citizen.New("Jiwoo Han");
        var signedIn = await KeyRingOnPostgreSql.SignInAsync(http, http, citizen);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<KeyRingDbContext>().DataProtectionKeys.ToListAsync();
        keys.Should().NotBeEmpty().And.OnlyContain(k => k.Xml!.Contains("<encryptedSecret") && !k.Xml.Contains("<masterKey"), "no key is stored in the clear");
        using var appointments = new HttpRequestMessage(HttpMethod.Get, signedIn.Headers.Location);
        appointments.Headers.Add("Cookie", KeyRingOnPostgreSql.Cookies(signedIn));
        var page = await http.SendAsync(appointments);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain(citizen.UserName);
    }
}
