using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using MediatR;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen signs in on a page with name and RRN: checked by the rule of every citizen's request
/// (<see cref="CitizenIdentification"/>), nothing written but a wrong name's count. The answer is what the page
/// keeps instead of the RRN.
/// </summary>
internal static class SignIn
{
    public sealed record Command(string? UserName, string? UserRegNumber) : ICitizenRequest, IRequest<Outcome>;

    public sealed record Outcome(SignedInCitizen? SignedIn, ProblemAnswer? Refusal);

    internal sealed class Validator(LocalCalendar calendar) : CitizenRequestValidator<Command>(calendar);

    internal sealed class Handler(CitizenIdentification identification) : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            var (signedIn, refusal) = await identification.SignInAsync(request.UserName, request.UserRegNumber, ct);
            return new Outcome(signedIn, refusal);
        }
    }
}
