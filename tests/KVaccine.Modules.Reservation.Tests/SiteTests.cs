using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Sites;

namespace KVaccine.Modules.Reservation.Tests;

public sealed class SiteTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateOnly Saturday = new(2026, 12, 5);
    private static readonly DateOnly Sunday = new(2026, 12, 6);

    private static Site NewSite(int slotMinutes = 30) => new()
    {
        Id = 7,
        Name = "Seoul Central",
        Hours = WeeklyHours.From(new Dictionary<string, string?> { ["Monday"] = "09:00-12:00,13:00-14:10", ["saturday"] = "09:00-10:00" }, out _)!,
        SlotMinutes = slotMinutes,
        FirstDoseCapacity = 6,
        SecondDoseCapacity = 4,
    };

    [Fact]
    public void Slots_cut_each_open_stretch_into_slots_of_the_site_s_length_leaving_out_a_shorter_rest()
    {
        NewSite().SlotTimesOn(Monday).Select(t => t.ToString("HH:mm")).Should().Equal(
            "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30");
        NewSite(slotMinutes: 20).SlotTimesOn(Saturday).Select(t => t.ToString("HH:mm")).Should().Equal("09:00", "09:20", "09:40");
    }

    [Fact]
    public void A_weekday_without_hours_and_a_closed_day_have_no_slots()
    {
        var site = NewSite();
        site.SlotTimesOn(Sunday).Should().BeEmpty();
        site.ClosedDays.Add(new ClosedDay { SiteId = 7, Date = Monday });
        site.SlotTimesOn(Monday).Should().BeEmpty();
        SiteDay.Slots(site, Monday, []).Should().BeEmpty();
    }

    [Fact]
    public void A_whole_day_slot_that_holds_bookings_is_its_date_s_only_slot()
    {
        var site = NewSite();
        var wholeDay = new Slot(7, Monday, TimeOnly.MinValue, Site.WholeDay, 100, 0);
        wholeDay.TryTake(1);

        SiteDay.Slots(site, Monday, [wholeDay]).Should().ContainSingle().Which.Should().BeSameAs(wholeDay);
        SlotTimes.End(wholeDay).Should().Be("24:00");
    }

    [Fact]
    public void A_date_s_slots_are_the_stored_ones_where_booked_and_the_site_s_places_elsewhere()
    {
        var site = NewSite();
        var booked = new Slot(7, Monday, new TimeOnly(9, 30), 30, 6, 4);
        booked.TryTake(1);

        var slots = SiteDay.Slots(site, Monday, [booked]);

        slots.Should().HaveCount(8);
        slots[1].Should().BeSameAs(booked);
        slots.Where(s => s != booked).Should().OnlyContain(s => s.Remaining(1) == 6 && s.Remaining(2) == 4);
        SlotTimes.End(slots[0]).Should().Be("09:30");
    }

    [Theory]
    [InlineData("Funday", "09:00-10:00", "'Funday' is not a weekday")]
    [InlineData("Monday", "9-10", "'9-10' is not a time range")]
    [InlineData("Monday", "10:00-09:00", "closing after opening")]
    [InlineData("Monday", "09:00-12:00,11:00-13:00", "begins before the stretch before it ends")]
    public void Hours_that_are_not_stretches_of_a_weekday_are_refused_naming_what_is_wrong(string day, string hours, string expected)
    {
        WeeklyHours.From(new Dictionary<string, string?> { [day] = hours }, out var error).Should().BeNull();
        error.Should().Contain(expected);
    }

    [Fact]
    public void Hours_read_back_as_they_were_stored()
    {
        var hours = NewSite().Hours;
        WeeklyHours.Parse(hours.ToString()).ToDictionary().Should().Equal(hours.ToDictionary());
        hours.ToDictionary().Should().Equal(new Dictionary<string, string> { ["Monday"] = "09:00-12:00,13:00-14:10", ["Saturday"] = "09:00-10:00" });
    }
}
