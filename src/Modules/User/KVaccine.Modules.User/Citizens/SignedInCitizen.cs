namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen whose name and RRN were checked when they signed in on a page (<see cref="SignIn"/>): what a page's
/// cookie keeps in place of the RRN, so the RRN reaches the service once, in the form it was typed into.
/// </summary>
internal sealed record SignedInCitizen(string Name, string RegNumberHash, string MaskedRegNumber);
