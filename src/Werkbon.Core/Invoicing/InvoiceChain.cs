using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Werkbon.Core.Reports;

namespace Werkbon.Core.Invoicing;

/// <summary>
/// The chain that seals a company's issued invoices and credit notes in order (docs/invoice-chain.md): each
/// document's hash is the lowercase hex SHA-256 of its canonical text followed by the previous document's
/// hash, so changing, removing or reordering any issued document breaks every link after it.
/// </summary>
public static class InvoiceChain
{
    public const string Version = "werkbon-invoice-chain-v1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The canonical text: one <c>name=value</c> line per field, in a fixed order, LF line ends. Values are
    /// NFC-normalised with <c>\</c>, LF and CR escaped as <c>\\</c>, <c>\n</c>, <c>\r</c>; a missing value is the
    /// name alone (no <c>=</c>). Decimals are invariant without trailing zeros, dates <c>yyyy-MM-dd</c>, instants UTC
    /// to the second. Lists are counted first, then numbered from 1.
    /// </summary>
    public static string Canonical(InvoiceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder(4096).Append(Version).Append('\n');
        void Field(string name, string? value)
        {
            text.Append(name);
            if (value is not null)
            {
                text.Append('=').Append(Escape(value));
            }

            text.Append('\n');
        }

        void Amount(string name, decimal value) => Field(name, CanonicalReport.Number(value));
        void Date(string name, DateOnly? value) => Field(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        void Party(string name, InvoiceParty party)
        {
            Field($"{name}.name", party.Name);
            Field($"{name}.street", party.Address.Street);
            Field($"{name}.postalCode", party.Address.PostalCode);
            Field($"{name}.city", party.Address.City);
            Field($"{name}.country", party.Address.CountryCode);
            Field($"{name}.vatNumber", party.VatNumber);
            Field($"{name}.enterpriseNumber", party.EnterpriseNumber);
            Field($"{name}.peppolEndpoint", party.PeppolEndpoint);
            Field($"{name}.email", party.Email);
            Field($"{name}.phone", party.Phone);
        }

        Field("kind", document.Kind.ToString());
        Field("number", document.Number);
        Date("issueDate", document.IssueDate);
        Date("dueDate", document.DueDate);
        Field("language", document.Language);
        Field("currency", document.Currency);
        Party("seller", document.Seller);
        Party("buyer", document.Buyer);
        Field("buyerReference", document.BuyerReference);
        Date("periodStart", document.PeriodStart);
        Date("periodEnd", document.PeriodEnd);
        Field("precedingInvoiceNumber", document.PrecedingInvoiceNumber);
        Date("precedingInvoiceIssueDate", document.PrecedingInvoiceIssueDate);
        if (document.CreditReason is { } reason)
        {
            // Only where there is one, so documents issued before the reason was kept keep their links.
            Field("creditReason", reason);
        }

        Field("lines", Count(document.Lines));
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var line = document.Lines[i];
            var name = $"line.{i + 1}";
            Field($"{name}.description", line.Description);
            Amount($"{name}.quantity", line.Quantity);
            Field($"{name}.unitCode", line.UnitCode);
            Amount($"{name}.unitPrice", line.UnitPrice);
            Amount($"{name}.amount", line.Amount);
            Field($"{name}.vatCategory", line.VatCategory.ToString());
            Amount($"{name}.vatPercent", line.VatPercent);
            Field($"{name}.kind", line.Kind?.ToString());
            Field($"{name}.articleCode", line.ArticleCode);
            Field($"{name}.explanation", line.Explanation);
            Field($"{name}.isExtra", line.IsExtra ? "true" : "false");
            Field($"{name}.reportId", line.ReportId?.ToString("D"));
            Field($"{name}.signedOriginal", line.SignedOriginal);
            Field($"{name}.correctionReason", line.CorrectionReason);
        }

        Field("vatBreakdown", Count(document.VatBreakdown));
        for (var i = 0; i < document.VatBreakdown.Count; i++)
        {
            var subtotal = document.VatBreakdown[i];
            var name = $"vat.{i + 1}";
            Field($"{name}.category", subtotal.Category.ToString());
            Amount($"{name}.percent", subtotal.Percent);
            Amount($"{name}.taxable", subtotal.TaxableAmount);
            Amount($"{name}.vat", subtotal.VatAmount);
            Field($"{name}.exemptionReasonCode", subtotal.ExemptionReasonCode);
        }

        Amount("net", document.Net);
        Amount("vat", document.Vat);
        Amount("total", document.Total);
        Amount("prepaid", document.Prepaid);
        Field("structuredCommunication", document.StructuredCommunication);
        Field("iban", document.Iban);
        Field("bic", document.Bic);
        Field("paymentTerms", document.PaymentTerms);

        Field("legalTexts", Count(document.LegalTexts));
        for (var i = 0; i < document.LegalTexts.Count; i++)
        {
            Field($"legalText.{i + 1}.kind", document.LegalTexts[i].Kind.ToString());
            Field($"legalText.{i + 1}.text", document.LegalTexts[i].Text);
        }

        Field("reports", Count(document.Reports));
        for (var i = 0; i < document.Reports.Count; i++)
        {
            var report = document.Reports[i];
            var name = $"report.{i + 1}";
            Field($"{name}.id", report.ReportId.ToString("D"));
            Field($"{name}.workOrderNumber", report.WorkOrderNumber);
            Date($"{name}.visitDate", report.VisitDate);
            Field($"{name}.technician", report.TechnicianName);
            Field($"{name}.siteAddress", report.SiteAddress);
            Field($"{name}.signer", report.SignerName);
            Field($"{name}.signedAt", CanonicalReport.Instant(report.SignedAt));
            Field($"{name}.hash", report.Hash);
        }

        return text.ToString();
    }

    /// <summary>
    /// The document's link: SHA-256 of its canonical text and <c>previous=</c> + <paramref name="previousHash"/>
    /// (empty for the first document of the chain). Throws <see cref="ArgumentException"/> for a previous hash that is
    /// not 64 lowercase hex digits, or for text that is not well-formed Unicode.
    /// </summary>
    public static string Hash(InvoiceDocument document, string? previousHash)
    {
        if (!string.IsNullOrEmpty(previousHash) && !PhotoHash.IsValid(previousHash))
        {
            throw new ArgumentException("The previous hash must be 64 lowercase hex digits, or empty for the first document.", nameof(previousHash));
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(Canonical(document) + "previous=" + (previousHash ?? "") + "\n");
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The document holds text that is not well-formed Unicode (a lone surrogate); it has no canonical form.", nameof(document), e);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Whether <paramref name="hash"/> is the link of <paramref name="document"/> after <paramref name="previousHash"/>; compared in fixed time, never throws.</summary>
    public static bool Verify(InvoiceDocument document, string? previousHash, string? hash)
    {
        if (hash is null)
        {
            return false;
        }

        string expected;
        try
        {
            expected = Hash(document, previousHash);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(hash.AsSpan()));
    }

    /// <summary>The position of the first document whose stored hash does not follow from the ones before it, or null when the whole chain holds.</summary>
    public static int? FirstBrokenLink(IReadOnlyList<(InvoiceDocument Document, string Hash)> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        string? previous = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (!Verify(chain[i].Document, previous, chain[i].Hash))
            {
                return i;
            }

            previous = chain[i].Hash;
        }

        return null;
    }

    private static string Count<T>(IReadOnlyList<T> list) => list.Count.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Normalize(NormalizationForm.FormC)
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
}
