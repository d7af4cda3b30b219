using System.Globalization;
using KVaccine.Pages;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KVaccine.IntegrationTests;

/// <summary>
/// What the pages' speed rests on may not change what they say or how they keep a cookie: a word looked up once is
/// still said in the language of each request that asks for it, and the cookies are sealed with AES-GCM.
/// </summary>
public sealed class PageTextTests(KVaccineApp app) : IClassFixture<KVaccineApp>
{
    private static readonly Type CitizenText = Type.GetType("KVaccine.Modules.User.Pages.CitizenText, KVaccine.Modules.User", throwOnError: true)!;

    [Fact]
    public void A_word_looked_up_in_one_language_is_said_in_the_other_when_a_request_asks_in_it()
    {
        var text = app.Services.GetRequiredService<IStringLocalizer<PageText>>();

        In("ko", () => text["K-Vaccine"].Value).Should().Be("K-백신");
        In("en", () => text["K-Vaccine"].Value).Should().Be("K-Vaccine");
        In("ko", () => text["K-Vaccine"].Value).Should().Be("K-백신");
        In("ko", () => text["A word no page has"]).Should().BeEquivalentTo(new { Value = "A word no page has", ResourceNotFound = true });
    }

    [Fact]
    public void A_word_with_figures_takes_them_in_each_language()
    {
        var text = app.Services.GetRequiredService<IStringLocalizerFactory>().Create(CitizenText);

        In("ko", () => text["{0} left", 7].Value).Should().Be("7명 남음");
        In("en", () => text["{0} left", 12].Value).Should().Be("12 left");
        In("ko", () => text["{0} left", 3].Value).Should().Be("3명 남음");
    }

    [Fact]
    public void Cookies_and_forms_are_sealed_with_AES_GCM()
    {
        var keys = app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        keys.AuthenticatedEncryptorConfiguration.Should().BeOfType<AuthenticatedEncryptorConfiguration>()
            .Which.EncryptionAlgorithm.Should().Be(EncryptionAlgorithm.AES_256_GCM);
    }

    private static T In<T>(string language, Func<T> say)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return say();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
