using FluentValidation;
using KVaccine.BuildingBlocks.Modules;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Hospital.Staff;

/// <summary>
/// <c>staff --user NAME --role Admin|HospitalStaff [--site ID]</c>: makes an account, the password read from standard
/// input (typed unseen at a terminal, or piped), never from the arguments, which other users of the machine can see.
/// The first Admin comes this way; further accounts from the Admin's page.
/// </summary>
internal sealed class StaffCommand : IHostCommand
{
    public string Name => "staff";

    public string Usage => "staff --user <name> --role <Admin|HospitalStaff> [--site <id>]   (the password on standard input)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken ct)
    {
        string? Option(string name) => args.Zip(args.Skip(1)).Where(p => p.First == name).Select(p => p.Second).LastOrDefault();
        var site = Option("--site");
        if (Option("--user") is not { } user || Option("--role") is not { } role || (site is not null && !int.TryParse(site, out _)))
        {
            error.WriteLine($"usage: {Usage}");
            return 2;
        }
        var atTerminal = !Console.IsInputRedirected && ReferenceEquals(input, Console.In);
        if (atTerminal) output.Write("Password: ");
        var password = atTerminal ? ReadUnseen() : input.ReadLine();
        if (atTerminal) output.WriteLine();

        await using var scope = services.CreateAsyncScope();
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new CreateStaffAccount.Command(user, password, role, site is null ? null : int.Parse(site)), ct);
            if (outcome.Refusal is { } refusal)
            {
                error.WriteLine($"{refusal.Title} {refusal.Detail}");
                return 1;
            }
            output.WriteLine($"Made the {outcome.Created!.Role} account {outcome.Created.UserName}.");
            return 0;
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors) error.WriteLine($"{failure.PropertyName}: {failure.ErrorMessage}");
            return 1;
        }
    }

    /// <summary>A line typed at the terminal without echo.</summary>
    private static string ReadUnseen()
    {
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        return typed.ToString();
    }
}
