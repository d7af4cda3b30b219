using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// Finds a citizen without storing their RRN: HMAC-SHA256 under a key from configuration. Without the key the
/// hashes cannot be tested against the (small) space of possible RRNs.
/// </summary>
internal sealed class RegNumberHasher(IOptions<UserOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.RegNumberHashKey);

    public string Hash(RegNumber regNumber) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(regNumber.Digits)));
}
