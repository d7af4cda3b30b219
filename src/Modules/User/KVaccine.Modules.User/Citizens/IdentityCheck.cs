using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Citizens;

internal enum IdentityVerdict
{
    /// <summary>No register was asked: the first booking's name goes with the RRN.</summary>
    NotChecked,
    Matches,
    DoesNotMatch,
    Unavailable,
}

/// <summary>
/// Where a national identity check plugs in: does this name go with this RRN in the resident register? With one, no
/// first booking can claim a number, and a wrong name is refused alike whether or not the number has booked here.
/// </summary>
internal interface IIdentityCheck
{
    Task<IdentityVerdict> CheckAsync(string name, RegNumber regNumber, CancellationToken ct);
}

/// <summary>No register (the original's rule): the name of a number's first booking is the citizen's.</summary>
internal sealed class FirstBookingIdentity : IIdentityCheck
{
    public Task<IdentityVerdict> CheckAsync(string name, RegNumber regNumber, CancellationToken ct) => Task.FromResult(IdentityVerdict.NotChecked);
}

/// <summary>
/// The register at <c>User:Identity:RegistryUrl</c>: <c>POST {"name","regNumber"}</c> answers <c>{"matches":bool}</c>.
/// The RRN goes only there, in the body; anything but such an answer is "unavailable", never a match.
/// </summary>
internal sealed class RegistryIdentityCheck(HttpClient http, IOptions<IdentityOptions> options, ILogger<RegistryIdentityCheck> logger) : IIdentityCheck
{
    public async Task<IdentityVerdict> CheckAsync(string name, RegNumber regNumber, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(options.Value.RegistryUrl, new { name, regNumber = regNumber.Digits }, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The identity register answered {StatusCode}", (int)response.StatusCode);
                return IdentityVerdict.Unavailable;
            }
            var answer = await response.Content.ReadFromJsonAsync<RegistryAnswer>(ct);
            return answer?.Matches switch
            {
                true => IdentityVerdict.Matches,
                false => IdentityVerdict.DoesNotMatch,
                null => IdentityVerdict.Unavailable,
            };
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The identity register could not be asked: {Error}", failure.GetType().Name);
            return IdentityVerdict.Unavailable;
        }
    }

    private sealed record RegistryAnswer(bool? Matches);
}
