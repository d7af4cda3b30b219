using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Tests;

public sealed class RegNumberTests
{
    [Theory]
    [InlineData("890309-2766876", "890309-2******")] // the original's example
    [InlineData("8903092766876", "890309-2******")]  // hyphen optional
    [InlineData("040229-3123456", "040229-3******")] // 2004 was a leap year: 3 and 4 are the 2000s
    [InlineData("991231-1000000", "991231-1******")]
    [InlineData("850101-9123456", "850101-9******")] // 9 and 0: the 1800s
    [InlineData("010101-7123456", "010101-7******")] // foreigners born in the 2000s
    public void A_well_formed_RRN_with_a_real_birth_date_is_accepted_and_masked(string input, string masked)
    {
        RegNumber.TryParse(input, out var regNumber, out _).Should().BeTrue();
        regNumber!.Masked.Should().Be(masked);
        regNumber.ToString().Should().Be(masked, "formatting an RRN must never reveal it");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("890309-276687")]   // 12 digits
    [InlineData("890309-27668765")] // 14 digits
    [InlineData("890309_2766876")]
    [InlineData("89O309-2766876")]  // a letter O
    [InlineData("891332-2766876")]  // month 13
    [InlineData("890230-2766876")]  // 30 February
    [InlineData("000229-1234567")]  // 1900 was not a leap year
    [InlineData("８９０３０９-２７６６８７６")] // full-width digits
    public void A_malformed_RRN_or_one_without_a_real_birth_date_is_refused(string? input)
    {
        RegNumber.TryParse(input, out var regNumber, out var error).Should().BeFalse();
        regNumber.Should().BeNull();
        error.Should().NotBeEmpty();
        if (input is { Length: > 0 }) error.Should().NotContain(input);
    }

    [Fact]
    public void The_old_check_digit_is_not_enforced_because_numbers_since_2020_do_not_follow_it()
    {
        RegNumber.TryParse("890309-2766870", out _, out _).Should().BeTrue();
        RegNumber.TryParse("890309-2766879", out _, out _).Should().BeTrue();
    }
}
