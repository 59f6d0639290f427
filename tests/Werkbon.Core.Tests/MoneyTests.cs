namespace Werkbon.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData(2.345, 2.35)]
    [InlineData(2.355, 2.36)]
    [InlineData(-2.345, -2.35)]
    [InlineData(25.5675, 25.57)]
    [InlineData(2.344999, 2.34)]
    public void Money_rounds_to_the_cent_half_away_from_zero(decimal amount, decimal rounded) =>
        Assert.Equal(rounded, Money.Round(amount));

    [Fact]
    public void A_percentage_of_an_amount_is_rounded_to_the_cent() =>
        Assert.Equal(15.10m, Money.Percent(71.92m, 21m));
}
