using System.Text;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Tests.Invoicing;

public class EpcQrTests
{
    private const string Iban = "BE68539007547034";

    [Fact]
    public void The_payload_carries_the_fields_in_the_order_of_version_002()
    {
        var payload = EpcQr.Payload("Koeltechniek Peeters BV", "BE68 5390 0754 7034", "GKCCBEBB", 1234.5m, "+++123/4567/89002+++");

        Assert.Equal("BCD\n002\n1\nSCT\nGKCCBEBB\nKoeltechniek Peeters BV\nBE68539007547034\nEUR1234.50\n\n123456789002", payload);
    }

    [Fact]
    public void The_bic_may_be_left_out_and_the_communication_given_as_digits()
    {
        var payload = EpcQr.Payload("Peeters", Iban, null, 0.01m, "123456789002");

        Assert.Equal("BCD\n002\n1\nSCT\n\nPeeters\nBE68539007547034\nEUR0.01\n\n123456789002", payload);
    }

    [Fact]
    public void A_longest_name_with_accents_stays_within_331_utf8_bytes()
    {
        var name = new string('é', EpcQr.MaxNameLength);

        var payload = EpcQr.Payload(name, Iban, "GKCCBEBB", EpcQr.MaxAmount, "123456789002");

        Assert.True(Encoding.UTF8.GetByteCount(payload) <= EpcQr.MaxBytes);
        Assert.Contains("EUR999999999.99", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", Iban, "GKCCBEBB", "10.00", "123456789002", "beneficiaryName")]
    [InlineData("Peeters\nBV", Iban, "GKCCBEBB", "10.00", "123456789002", "beneficiaryName")]
    [InlineData("Peeters", "BE68539007547035", "GKCCBEBB", "10.00", "123456789002", "iban")]
    [InlineData("Peeters", "68539007547034", "GKCCBEBB", "10.00", "123456789002", "iban")]
    [InlineData("Peeters", Iban, "GKCC", "10.00", "123456789002", "bic")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "0.00", "123456789002", "amount")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "-5.00", "123456789002", "amount")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "1000000000.00", "123456789002", "amount")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "10.005", "123456789002", "amount")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "10.00", "123456789003", "structuredCommunication")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "10.00", "12345678900", "structuredCommunication")]
    [InlineData("Peeters", Iban, "GKCCBEBB", "10.00", "INV-2026-0001", "structuredCommunication")]
    public void Refuses_a_field_the_standard_would_refuse(string name, string iban, string bic, string amount, string communication, string field)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EpcQr.Payload(name, iban, bic, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), communication));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void A_communication_whose_first_ten_digits_are_a_multiple_of_97_ends_in_97()
    {
        // 0000000097 % 97 == 0, so the check digits are 97.
        var payload = EpcQr.Payload("Peeters", Iban, null, 10m, "+++000/0000/09797+++");

        Assert.EndsWith("\n000000009797", payload, StringComparison.Ordinal);
    }
}
