using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Hospital.Staff;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KVaccine.Modules.Hospital.Tests;

/// <summary>The sign-in use case over a real, migrated SQLite file, on a clock the test moves.</summary>
public sealed class StaffSignInTests : IAsyncLifetime, IDisposable
{
    private const string Password = "correct horse battery";
    private readonly TempDatabase _file = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
    private readonly PasswordHasher<StaffAccount> _hasher = new();
    private LocalCalendar Calendar => new(_clock, Options.Create(new CalendarOptions()));

    private readonly ServiceProvider _services;

    public StaffSignInTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:KVaccine"] = $"{_file.ConnectionString};Mode=ReadWriteCreate" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton<TimeProvider>(_clock);
        services.AddModules(configuration, [new HospitalModule()]);
        _services = services.BuildServiceProvider();
    }

    private AsyncServiceScope Scope(out HospitalDbContext db)
    {
        var scope = _services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<HospitalDbContext>();
        return scope;
    }

    public async Task InitializeAsync()
    {
        await using var scope = Scope(out var db);
        await db.Database.MigrateAsync();
        var account = new StaffAccount("Nurse.Kim", StaffRole.HospitalStaff, 1, _clock.GetUtcNow());
        account.SetPasswordHash(_hasher.HashPassword(account, Password));
        db.StaffAccounts.Add(account);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _services.Dispose();
        _file.Dispose();
    }

    private async Task<StaffSignIn.Outcome> SignInAsync(string userName, string password)
    {
        await using var scope = Scope(out var db);
        return await new StaffSignIn.Handler(db, _hasher, Calendar).Handle(new StaffSignIn.Command(userName, password), CancellationToken.None);
    }

    [Fact]
    public async Task The_right_password_signs_in_whatever_the_case_of_the_name_and_the_hash_is_all_that_is_kept()
    {
        var outcome = await SignInAsync("NURSE.kim ", Password);

        outcome.Refusal.Should().BeNull();
        outcome.SignedIn!.SiteId.Should().Be(1);
        outcome.SignedIn.Role.Should().Be(StaffRole.HospitalStaff);
        (await File.ReadAllBytesAsync(_file.FilePath)).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Password)).Should().Be(-1);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_are_refused_alike()
    {
        var unknown = await SignInAsync("nobody", Password);
        var wrong = await SignInAsync("nurse.kim", "not the password");

        unknown.Refusal!.Status.Should().Be(401);
        wrong.Refusal!.Status.Should().Be(401);
        wrong.Refusal.Title.Should().Be(unknown.Refusal.Title);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lock_runs_out()
    {
        for (var i = 1; i < StaffAccount.MaxFailedSignIns; i++)
            (await SignInAsync("nurse.kim", $"wrong {i}")).Refusal!.Status.Should().Be(401);

        var fifth = await SignInAsync("nurse.kim", "wrong 5");
        fifth.Refusal!.Status.Should().Be(429);
        fifth.Refusal.Detail.Should().Contain("2026-12-03 09:05"); // the lock's end on the site's wall clock (Seoul)
        (await SignInAsync("nurse.kim", Password)).Refusal!.Status.Should().Be(429, "a locked account refuses the right password too");

        _clock.Advance(StaffAccount.LockoutTime);
        (await SignInAsync("nurse.kim", Password)).Refusal.Should().BeNull();
    }

    [Fact]
    public async Task An_Admin_sees_the_lock_in_the_list_and_lifts_it()
    {
        for (var i = 0; i < StaffAccount.MaxFailedSignIns; i++) await SignInAsync("nurse.kim", "wrong");

        await using (var scope = Scope(out var db))
        {
            var rows = await new StaffAccounts.Handler(db, Calendar).Handle(new StaffAccounts.Query(), CancellationToken.None);
            rows.Should().ContainSingle().Which.LockedUntil.Should().Be(_clock.GetUtcNow() + StaffAccount.LockoutTime);
            (await new StaffAccounts.UnlockHandler(db).Handle(new StaffAccounts.Unlock(rows[0].Id), CancellationToken.None)).Should().BeTrue();
            (await new StaffAccounts.UnlockHandler(db).Handle(new StaffAccounts.Unlock(rows[0].Id + 1), CancellationToken.None)).Should().BeFalse();
        }

        (await SignInAsync("nurse.kim", Password)).Refusal.Should().BeNull();
    }
}
