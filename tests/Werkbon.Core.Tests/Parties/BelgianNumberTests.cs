using Werkbon.Core.Parties;

namespace Werkbon.Core.Tests.Parties;

public class BelgianNumberTests
{
    [Theory]
    [InlineData("0123.456.749", "0123456749")]
    [InlineData("0403 170 701", "0403170701")]
    [InlineData("403170701", "0403170701")]
    [InlineData("BE0403.170.701", "0403170701")]
    public void Accepts_a_valid_enterprise_number_in_any_common_writing(string text, string expected) =>
        Assert.Equal(expected, EnterpriseNumber.Normalize(text));

    [Theory]
    [InlineData("0123.456.748")]
    [InlineData("2123.456.749")]
    [InlineData("0123.456")]
    [InlineData("NL0123456749")]
    [InlineData("")]
    public void Rejects_an_enterprise_number_whose_check_digits_are_wrong(string text) =>
        Assert.False(EnterpriseNumber.IsValid(text));

    [Fact]
    public void Formats_an_enterprise_number_with_dots() =>
        Assert.Equal("0403.170.701", EnterpriseNumber.Format("0403170701"));

    [Theory]
    [InlineData("BE 0403.170.701", "BE0403170701")]
    [InlineData("be0123456749", "BE0123456749")]
    [InlineData("NL123456789B01", "NL123456789B01")]
    [InlineData("FR40303265045", "FR40303265045")]
    [InlineData("DE 123456789", "DE123456789")]
    public void Accepts_belgian_vat_numbers_by_check_and_other_eu_numbers_by_format(string text, string expected) =>
        Assert.Equal(expected, VatNumber.Normalize(text));

    [Theory]
    [InlineData("BE0403170702")]
    [InlineData("NL123456789")]
    [InlineData("US123456789")]
    [InlineData("DE12345678")]
    public void Rejects_vat_numbers_that_fail_their_check_or_format(string text) =>
        Assert.False(VatNumber.IsValid(text));
}
