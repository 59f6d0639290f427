using CsCheck;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Tests.Invoicing;

public class StructuredCommunicationTests
{
    [Fact]
    public void The_check_digits_are_the_base_mod_97()
    {
        var ogm = StructuredCommunication.FromBase(1234567890);

        Assert.Equal("+++123/4567/89002+++", ogm.ToString());
        Assert.Equal("123456789002", ogm.Digits);
        Assert.Equal(1234567890, ogm.Base);
    }

    [Fact]
    public void A_remainder_of_zero_is_written_97()
    {
        Assert.Equal("+++000/0000/29197+++", StructuredCommunication.FromBase(291).ToString());
        Assert.True(StructuredCommunication.IsValid("000/0000/29197"));
        Assert.False(StructuredCommunication.IsValid("000/0000/29100"));
    }

    [Theory]
    [InlineData("+++123/4567/89002+++")]
    [InlineData("***123/4567/89002***")]
    [InlineData("123/4567/89002")]
    [InlineData("123456789002")]
    [InlineData(" +++ 123 / 4567 / 89002 +++ ")]
    [InlineData("1234 5678 9002")]
    public void Reads_the_communication_as_customers_and_banks_write_it(string text)
    {
        var ogm = StructuredCommunication.Parse(text);

        Assert.Equal("123456789002", ogm.Digits);
    }

    [Theory]
    [InlineData("+++123/4567/89003+++")]
    [InlineData("12345678900")]
    [InlineData("1234567890020")]
    [InlineData("+++123/4567/8900A+++")]
    [InlineData("+++123/4567/89002***")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_wrong_check_digits_lengths_and_characters(string? text)
    {
        Assert.False(StructuredCommunication.TryParse(text, out var ogm));
        Assert.Null(ogm);
    }

    [Fact]
    public void Parse_explains_what_is_wrong()
    {
        var error = Assert.Throws<FormatException>(() => StructuredCommunication.Parse("+++123/4567/89003+++"));

        Assert.Contains("mod 97", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_base_round_trips_through_its_printed_form()
    {
        Gen.Long[0, StructuredCommunication.MaxBase].Sample(value =>
        {
            var ogm = StructuredCommunication.FromBase(value);
            var read = StructuredCommunication.Parse(ogm.ToString());
            return read.Base == value && read == ogm && ogm.ToString().Length == 20;
        });
    }

    [Fact]
    public void An_invoice_gets_its_year_and_its_sequence_number()
    {
        var ogm = StructuredCommunication.ForInvoice(2026, 104);

        Assert.Equal(2600000104, ogm.Base);
        Assert.Equal("+++260/0000/10476+++", ogm.ToString());
        Assert.NotEqual(ogm, StructuredCommunication.ForInvoice(2027, 104));
        Assert.NotEqual(ogm, StructuredCommunication.ForInvoice(2026, 105));
    }

    [Fact]
    public void Invoices_of_a_century_never_share_a_communication()
    {
        Gen.Select(Gen.Int[2000, 2099], Gen.Long[1, StructuredCommunication.MaxSequence], Gen.Int[2000, 2099], Gen.Long[1, StructuredCommunication.MaxSequence])
            .Sample((y1, s1, y2, s2) => (y1, s1) == (y2, s2) || StructuredCommunication.ForInvoice(y1, s1) != StructuredCommunication.ForInvoice(y2, s2));
    }

    [Fact]
    public void Refuses_a_base_or_sequence_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuredCommunication.FromBase(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuredCommunication.FromBase(10_000_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuredCommunication.ForInvoice(2026, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuredCommunication.ForInvoice(2026, 100_000_000));
    }
}
