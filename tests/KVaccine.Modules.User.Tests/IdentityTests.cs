using System.Text;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Tests;

public sealed class CitizenNameTests
{
    [Theory]
    [InlineData("김민준", "김민준")]
    [InlineData("  Kim\u3000 Minjun ", "Kim Minjun")]
    [InlineData("Kim\u00A0Minjun", "Kim Minjun")]
    public void A_name_is_stored_composed_with_single_spaces(string written, string stored) =>
        CitizenName.Normalize(written.Normalize(NormalizationForm.FormD)).Should().Be(stored);

    [Fact]
    public void Length_is_counted_in_what_a_person_sees() =>
        CitizenName.Length("김민준".Normalize(NormalizationForm.FormD) + " e\u0301").Should().Be(5);

    [Theory]
    [InlineData("Kim\u200DLee")]
    [InlineData("\u115F\u1160")]
    [InlineData("Kim\u202ALee")]
    [InlineData("Kim\tLee")]
    [InlineData("---")]
    public void A_name_nobody_has_is_refused(string name) => CitizenName.Refusal(name).Should().NotBeNull();

    [Theory]
    [InlineData("Kim Minjun")]
    [InlineData("마이클·조던")]
    [InlineData("O'Brien-Smith")]
    [InlineData("Nguyễn Văn An")]
    public void A_real_name_passes(string name) => CitizenName.Refusal(name).Should().BeNull();
}

public sealed class IdentityLockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly IdentityOptions Options = new() { MaxWrongNames = 3, WrongNameWindowMinutes = 60, LockMinutes = 30 };

    [Fact]
    public void The_last_allowed_wrong_name_locks_the_number_until_the_lock_runs_out()
    {
        var held = new IdentityLock("hash", Now);
        held.CountWrongName(Now, Options);
        held.CountWrongName(Now.AddMinutes(1), Options);
        held.IsLocked(Now.AddMinutes(1)).Should().BeFalse();

        held.CountWrongName(Now.AddMinutes(2), Options);

        held.IsLocked(Now.AddMinutes(2)).Should().BeTrue();
        held.LockedUntil.Should().Be(Now.AddMinutes(32));
        held.IsLocked(Now.AddMinutes(32)).Should().BeFalse();
    }

    [Fact]
    public void Wrong_names_further_apart_than_the_window_do_not_add_up()
    {
        var held = new IdentityLock("hash", Now);
        held.CountWrongName(Now, Options);
        held.CountWrongName(Now.AddMinutes(1), Options);
        held.CountWrongName(Now.AddMinutes(62), Options);

        held.IsLocked(Now.AddMinutes(62)).Should().BeFalse();
        held.WrongNames.Should().Be(1);
    }
}
