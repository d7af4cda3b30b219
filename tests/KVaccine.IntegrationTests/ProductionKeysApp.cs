using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace KVaccine.IntegrationTests;

/// <summary>The host as it runs in Production: keys of its own instead of the development ones it would refuse.</summary>
public sealed class ProductionKeysApp : KVaccineApp
{
    protected override void Configure(JsonObject settings)
    {
        settings["Auth"]!["SigningKey"] = "production-test-signing-key-not-the-development-one-0123456789";
        settings["User"]!["RegNumberHashKey"] = "production-test-rrn-hash-key";
        settings["Idempotency"]!["FingerprintKey"] = "production-test-fingerprint-key";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
