using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;

namespace KVaccine.FaultTests;

/// <summary>
/// The host's <c>staff</c> command, run as an operator runs it on a fresh machine: it migrates the database, makes
/// the account with the password from standard input, keeps only its hash, and exits without serving.
/// </summary>
[Collection("fault harness")] // a host process of its own; not while a fault scenario loads the machine
public sealed class StaffCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private const string Password = "a long enough passphrase";

    private readonly TempDatabase _folder = new();
    private HostProcess _host = null!;

    public Task InitializeAsync()
    {
        _host = new HostProcess(Path.Combine(_folder.Folder, "host"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(int ExitCode, string Output)> StaffAsync(string input, params string[] arguments)
    {
        var host = new HostProcess(_host.Folder);
        await using var _ = host;
        var exit = await host.RunCommandAsync(["staff", .. arguments], input, ExitTimeout);
        return (exit, string.Join('\n', host.Output));
    }

    [Fact]
    public async Task The_first_Admin_is_made_on_a_fresh_database_with_only_the_password_s_hash_kept()
    {
        var (exit, output) = await StaffAsync(Password + "\n", "--user", "Admin.Lee", "--role", "Admin");

        exit.Should().Be(0, output);
        output.Should().Contain("Made the Admin account admin.lee.");
        output.Should().NotContain(Password);
        await using var db = new SqliteConnection($"Data Source={_host.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = new SqliteCommand("SELECT Role, SiteId, PasswordHash FROM staff_accounts WHERE UserName = 'admin.lee'", db);
        await using var row = await query.ExecuteReaderAsync();
        (await row.ReadAsync()).Should().BeTrue("the account is in the database");
        row.GetString(0).Should().Be("Admin");
        row.IsDBNull(1).Should().BeTrue();
        row.GetString(2).Should().NotContain(Password).And.HaveLength(84, "Identity's v3 hash: PBKDF2 with a salt, base64");
        row.Close();
        (await File.ReadAllBytesAsync(_host.DatabaseFile)).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Password)).Should().Be(-1);
    }

    [Fact]
    public async Task Staff_at_a_seeded_site_are_made_and_a_taken_name_an_unknown_site_or_a_short_password_are_refused_with_1()
    {
        var made = await StaffAsync(Password + "\n", "--user", "nurse.kim", "--role", "HospitalStaff", "--site", "1");
        made.ExitCode.Should().Be(0, made.Output);

        var taken = await StaffAsync(Password + "\n", "--user", "NURSE.KIM", "--role", "Admin");
        taken.ExitCode.Should().Be(1, taken.Output);
        taken.Output.Should().Contain("This user name is taken.");

        var noSite = await StaffAsync(Password + "\n", "--user", "nurse.park", "--role", "HospitalStaff", "--site", "999");
        noSite.ExitCode.Should().Be(1, noSite.Output);
        noSite.Output.Should().Contain("No site has the id 999.");

        var shortPassword = await StaffAsync("short\n", "--user", "nurse.park", "--role", "HospitalStaff", "--site", "1");
        shortPassword.ExitCode.Should().Be(1, shortPassword.Output);
        shortPassword.Output.Should().Contain("Password: ");
    }

    [Fact]
    public async Task Without_a_user_or_a_role_it_prints_its_usage_and_exits_with_2()
    {
        var (exit, output) = await StaffAsync(Password + "\n", "--user", "admin");

        exit.Should().Be(2, output);
        output.Should().Contain("usage: staff --user <name> --role <Admin|HospitalStaff> [--site <id>]");
    }
}
