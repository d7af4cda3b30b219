using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.KeyRing;

/// <summary>
/// <c>KeyRing:CertificateFile</c> (a PKCS#12 file, <c>.pfx</c>, with <c>KeyRing:CertificatePassword</c>; or a PEM file
/// holding the certificate and its private key): the keys are then stored encrypted to it, so that reading the
/// database or a backup of it is not enough to forge a page's cookie. Every host needs the same certificate. Empty:
/// stored as the platform writes them, unencrypted.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "KeyRing";

    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }

    public X509Certificate2? LoadCertificate()
    {
        if (string.IsNullOrWhiteSpace(CertificateFile)) return null;
        return Path.GetExtension(CertificateFile).ToLowerInvariant() is ".pem" or ".crt"
            ? X509Certificate2.CreateFromPemFile(CertificateFile)
            : X509CertificateLoader.LoadPkcs12FromFile(CertificateFile, CertificatePassword);
    }

    internal sealed class Validator : IValidateOptions<KeyRingOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.CertificateFile)) return ValidateOptionsResult.Success;
            var key = $"{Section}:CertificateFile";
            if (!File.Exists(options.CertificateFile)) return ValidateOptionsResult.Fail($"{key}: no file at {options.CertificateFile}.");
            try
            {
                using var certificate = options.LoadCertificate()!;
                return certificate.HasPrivateKey
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{key}: the certificate in {options.CertificateFile} has no private key, and the keys could not be read back.");
            }
            catch (CryptographicException e)
            {
                return ValidateOptionsResult.Fail($"{key}: {options.CertificateFile} could not be read as a certificate with its private key (a .pfx with {Section}:CertificatePassword, or a .pem): {e.Message}");
            }
        }
    }
}
