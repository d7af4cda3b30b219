using KVaccine.Modules.Hospital.Staff;

namespace KVaccine.Modules.Hospital.Tests;

public class StaffAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hospital_staff_work_at_one_site_and_an_Admin_at_none()
    {
        FluentActions.Invoking(() => new StaffAccount("kim", StaffRole.HospitalStaff, null, Now)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new StaffAccount("kim", StaffRole.Admin, 1, Now)).Should().Throw<ArgumentException>();
        new StaffAccount("  Kim.Nurse ", StaffRole.HospitalStaff, 1, Now).UserName.Should().Be("kim.nurse");
    }

    [Fact]
    public void The_fifth_wrong_password_in_a_row_locks_the_account_for_five_minutes()
    {
        var account = new StaffAccount("kim", StaffRole.HospitalStaff, 1, Now);
        for (var i = 1; i < StaffAccount.MaxFailedSignIns; i++)
        {
            account.FailedSignIn(Now);
            account.IsLocked(Now).Should().BeFalse($"{i} wrong passwords do not lock yet");
        }

        account.FailedSignIn(Now);

        account.IsLocked(Now).Should().BeTrue();
        account.IsLocked(Now + StaffAccount.LockoutTime - TimeSpan.FromSeconds(1)).Should().BeTrue();
        account.IsLocked(Now + StaffAccount.LockoutTime).Should().BeFalse();
    }

    [Fact]
    public void A_right_password_starts_the_count_again_and_an_Admin_can_unlock()
    {
        var account = new StaffAccount("kim", StaffRole.HospitalStaff, 1, Now);
        for (var i = 1; i < StaffAccount.MaxFailedSignIns; i++) account.FailedSignIn(Now);
        account.SignedIn();
        account.FailedSignIn(Now);
        account.IsLocked(Now).Should().BeFalse("the count started again at the right password");

        for (var i = 0; i < StaffAccount.MaxFailedSignIns; i++) account.FailedSignIn(Now);
        account.IsLocked(Now).Should().BeTrue();
        account.Unlock();
        account.IsLocked(Now).Should().BeFalse();
        account.FailedSignIns.Should().Be(0);
    }
}
