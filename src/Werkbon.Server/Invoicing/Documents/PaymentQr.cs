using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Invoicing.Documents;

/// <summary>
/// The EPC payment QR code of an issued invoice, one rule for the PDF, the portal and the reminder mails: an invoice (not a
/// credit note) whose seller has an IBAN shows it when at least <see cref="EpcQr.MinAmount"/> is to be paid; it pays that
/// amount to the IBAN and with the structured communication the invoice names, to the seller's name cut to EPC length.
/// </summary>
public static class PaymentQr
{
    /// <summary>The code's text for paying <paramref name="amount"/> of <paramref name="invoice"/>; null when no code is shown.</summary>
    public static string? Payload(InvoiceDocument invoice, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Kind != InvoiceKind.Invoice || invoice.Iban.Length == 0 || amount < EpcQr.MinAmount)
        {
            return null;
        }

        var name = invoice.Seller.Name.Length > EpcQr.MaxNameLength ? invoice.Seller.Name[..EpcQr.MaxNameLength] : invoice.Seller.Name;
        return EpcQr.Payload(name, invoice.Iban, invoice.Bic, amount, invoice.StructuredCommunication);
    }

    /// <summary>The code as a PNG image (error correction M, 6 pixels per module).</summary>
    public static byte[] Png(string payload)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCoder.QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        return new QRCoder.PngByteQRCode(data).GetGraphic(6);
    }
}
