using KVaccine.BuildingBlocks.Settings;
using KVaccine.Contracts;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Tests.Settings;

/// <summary>The schedules' rules: how a second dose's days are chosen, who may receive a type, and which settings the host refuses.</summary>
public sealed class VaccineScheduleTests
{
    private static readonly VaccineSchedule Pfizer = new() { Doses = 2, MinimumIntervalDays = 21, DesiredIntervalDays = 42, MaximumIntervalDays = 42, MinimumAge = 12 };
    private static readonly VaccineSchedule AstraZeneca = new() { Doses = 2, MinimumIntervalDays = 56, DesiredIntervalDays = 77, MaximumIntervalDays = 84, MinimumAge = 30 };
    private static readonly VaccineSchedule Janssen = new() { Doses = 1, MinimumAge = 30 };

    private static VaccineSchedules Standard() => new()
    {
        Types = new(StringComparer.OrdinalIgnoreCase) { ["Pfizer"] = Pfizer, ["AstraZeneca"] = AstraZeneca, ["Janssen"] = Janssen },
    };

    private static ValidateOptionsResult Validate(VaccineSchedules schedules, params string[] known) =>
        new VaccineSchedules.Validator(Options.Create(new VaccineTypes { All = known })).Validate(null, schedules);

    [Fact]
    public void A_second_dose_falls_between_the_minimum_and_maximum_interval_after_the_first()
    {
        var interval = AstraZeneca.SecondAfter(new DateOnly(2026, 12, 1))!;

        interval.Should().Be(new DoseInterval(new DateOnly(2027, 1, 26), new DateOnly(2027, 2, 16), new DateOnly(2027, 2, 23)));
        Janssen.SecondAfter(new DateOnly(2026, 12, 1)).Should().BeNull("Janssen takes one dose");
    }

    [Fact]
    public void The_days_of_an_interval_are_tried_nearest_the_desired_one_first_the_earlier_of_two_as_near()
    {
        var interval = new DoseInterval(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 6));

        interval.NearestDesiredFirst(new DateOnly(2026, 12, 1)).Should().Equal(
            new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 3), new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 2),
            new DateOnly(2027, 1, 6), new DateOnly(2027, 1, 1));
        interval.NearestDesiredFirst(new DateOnly(2027, 1, 5)).Should().Equal(new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 6));
    }

    [Theory]
    [InlineData("2014-12-02", "Pfizer,AstraZeneca,Janssen", "Pfizer")]        // 12 on the day
    [InlineData("2014-12-03", "Pfizer,AstraZeneca,Janssen", "")]              // 12 the day after
    [InlineData("1996-12-02", "Pfizer,AstraZeneca,Janssen", "Pfizer,AstraZeneca,Janssen")]
    [InlineData("1996-12-03", "AstraZeneca,Janssen", "")]                     // 29 until tomorrow
    public void A_citizen_may_receive_the_types_whose_minimum_age_they_have_reached_on_the_day(string born, string offered, string eligible) =>
        Standard().Eligible(offered.Split(','), DateOnly.Parse(born), new DateOnly(2026, 12, 2))
            .Should().Equal(eligible.Split(',', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_refusal_for_age_says_how_old_the_citizen_will_be_and_each_type_s_age()
    {
        var message = Standard().NotEligible(["AstraZeneca", "Janssen"], new DateOnly(2010, 5, 1), new DateOnly(2026, 12, 2));

        message.Should().Contain("you will be 16 on 2026-12-02").And.Contain("AstraZeneca from 30").And.Contain("Janssen from 30");
    }

    [Theory]
    [InlineData("000229-3", "2000-02-29")]
    [InlineData("890309-2", "1989-03-09")]
    [InlineData("991231-9", "1899-12-31")]
    public void The_birth_date_is_read_from_the_masked_rrn_in_the_century_its_seventh_digit_gives(string start, string born) =>
        BirthDate.FromMasked(start + "******").Should().Be(DateOnly.Parse(born));

    [Fact]
    public void A_masked_rrn_that_is_no_date_gives_no_birth_date()
    {
        BirthDate.FromMasked("891309-2******").Should().BeNull();
        BirthDate.FromMasked("garbage").Should().BeNull();
    }

    [Fact]
    public void Someone_born_on_29_February_turns_a_year_older_on_1_March_in_a_common_year()
    {
        BirthDate.AgeOn(new DateOnly(2000, 2, 29), new DateOnly(2030, 2, 28)).Should().Be(29);
        BirthDate.AgeOn(new DateOnly(2000, 2, 29), new DateOnly(2030, 3, 1)).Should().Be(30);
    }

    [Fact]
    public void The_standard_schedules_are_valid() =>
        Validate(Standard(), "Pfizer", "AstraZeneca", "Janssen").Succeeded.Should().BeTrue();

    [Fact]
    public void A_vaccine_type_without_a_schedule_stops_the_host_with_the_setting_to_add() =>
        Validate(Standard(), "Pfizer", "AstraZeneca", "Janssen", "Novavax").FailureMessage.Should().Contain("VaccineSchedules:Novavax").And.Contain("has no schedule");

    [Theory]
    [InlineData(3, 21, 42, 42, 12, "takes 1 or 2 doses")]
    [InlineData(2, 42, 21, 42, 12, "MinimumIntervalDays <= DesiredIntervalDays")]
    [InlineData(2, 21, 42, 121, 12, "<= 120")]
    [InlineData(2, 0, 42, 42, 12, "1 <= MinimumIntervalDays")]
    [InlineData(2, 21, 42, 42, -1, "MinimumAge is -1")]
    public void Schedules_out_of_order_stop_the_host_with_what_is_wrong(int doses, int min, int desired, int max, int age, string message)
    {
        var schedules = Standard();
        schedules.Types["Pfizer"] = new VaccineSchedule { Doses = doses, MinimumIntervalDays = min, DesiredIntervalDays = desired, MaximumIntervalDays = max, MinimumAge = age };

        Validate(schedules, "Pfizer", "AstraZeneca", "Janssen").FailureMessage.Should().Contain("VaccineSchedules:Pfizer").And.Contain(message);
    }

    [Fact]
    public void A_schedule_for_a_type_no_longer_listed_is_allowed() =>
        Validate(Standard(), "Pfizer", "AstraZeneca").Succeeded.Should().BeTrue();
}
