using System.Net;
using KVaccine.BuildingBlocks.Web;
using KVaccine.TestSupport;

namespace KVaccine.IntegrationTests;

/// <summary>The log of booking status changes (<c>GET /dashboard/changes</c>): every change, in order, resumable after the last position seen.</summary>
public abstract class StatusChangeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KVaccineApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_booking_reserved_then_cancelled_shows_as_its_changes_in_order()
    {
        var citizen = Citizen.New();
        var date = app.FreshDate();
        var before = (await _api.ChangesAsync()).Last;

        var booked = await _api.BookAsync(citizen, date);
        await _api.SettledAsync();
        (await _api.CancelAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.OK);
        await _api.SettledAsync();

        var changes = await _api.AllChangesAsync(before);
        changes.Select(c => c.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var ofBooking = changes.Where(c => c.BookingId == booked.BookingId).ToList();
        ofBooking.Select(c => c.Status).Where((status, i) => i == 0 || status != ofBooking[i - 1].Status)
            .Should().Equal(new[] { "PENDING", "RESERVE", "CANCEL" }, "the booking was asked for, reserved, then cancelled");
        ofBooking.Should().OnlyContain(c => c.UserId == booked.UserId && c.ReserveDate == date && c.DoseNumber == 1 && c.SiteId == booked.SiteId);
        ofBooking.Should().OnlyContain(c => c.RecordedAt == app.Clock.GetUtcNow(), "the time of a change is the host's clock's");
        ofBooking[^1].VaccineType.Should().NotBeNull("the hospital picked the vaccine before the cancellation");
    }

    [DatabaseFact]
    public async Task Pages_read_after_the_last_position_seen_hold_every_change_once_in_order()
    {
        foreach (var _ in Enumerable.Range(0, 3)) await _api.BookAsync(Citizen.New(), app.FreshDate());
        await _api.SettledAsync();
        var whole = await _api.AllChangesAsync();

        var paged = new List<StatusChangeAnswer>();
        var after = 0L;
        while (true)
        {
            var page = await _api.ChangesAsync(after, 2);
            page.Changes.Count.Should().BeLessThanOrEqualTo(2);
            if (page.Changes.Count == 0)
            {
                page.Last.Should().Be(after, "a reader with nothing new keeps its position");
                break;
            }
            page.Last.Should().Be(page.Changes[^1].Position);
            paged.AddRange(page.Changes);
            after = page.Last;
        }

        whole.Count.Should().BeGreaterThanOrEqualTo(3 * 2, "each booking was at least asked for and decided");
        paged.Select(c => c.Position).Should().Equal(whole.Select(c => c.Position), "the pages hold every change once, in order");
        (await _api.ChangesAsync()).Changes.Should().HaveCount(Math.Min(whole.Count, 100), "a page holds 100 changes unless a limit is given");
    }

    [DatabaseTheory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=3&limit=-5", "limit")]
    public async Task A_position_below_zero_or_a_limit_outside_1_to_1000_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await Api.ProblemAsync(await _api.Http.GetAsync($"/dashboard/changes?{query}"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out var errors).Should().BeTrue(problem.ToString());
        errors[0].GetString().Should().NotBeNullOrEmpty();
    }

    [DatabaseFact]
    public async Task The_changes_say_nothing_of_who_the_citizen_is()
    {
        var citizen = Citizen.New("Minji Park");
        var booked = await _api.BookAsync(citizen, app.FreshDate());
        await _api.SettledAsync();

        var text = await (await app.CreateApi(StaffPolicies.HospitalStaffRole).Http.GetAsync("/dashboard/changes?limit=1000")).Content.ReadAsStringAsync();

        text.Should().Contain($"\"bookingId\":{booked.BookingId}", "the staff reader sees the booking's changes");
        text.Should().NotContain(citizen.UserRegNumber).And.NotContain(citizen.UserRegNumber[..8]).And.NotContain("******")
            .And.NotContain("Minji Park").And.NotContainEquivalentOf("regNumber").And.NotContainEquivalentOf("userName");
    }
}

public sealed class StatusChangeTests(KVaccineApp app) : StatusChangeTests<KVaccineApp>(app);

public sealed class StatusChangeTestsOnPostgreSql(KVaccineAppOnPostgreSql app) : StatusChangeTests<KVaccineAppOnPostgreSql>(app);
