using System.Diagnostics.CodeAnalysis;
using Werkbon.Core.Parties;

namespace Werkbon.Core.Invoicing;

/// <summary>
/// Where a party receives documents on the Peppol network (<c>cbc:EndpointID</c>, BT-34/BT-49): a scheme from the
/// Peppol EAS code list and an identifier in it, written <c>scheme:id</c> (<c>0208:0123456749</c>).
/// </summary>
/// <remarks>
/// Peppol BIS Billing 3.0 is business to business: the buyer's endpoint is mandatory (PEPPOL-EN16931-R010) and a
/// private person has none (an e-mail address, EAS <c>EM</c>, is not in Peppol's list, PEPPOL-EN16931-CL008). A
/// document whose buyer has no Peppol address gets no Peppol UBL at all: its PDF is the invoice.
/// </remarks>
public sealed record PeppolAddress(string Scheme, string Id)
{
    /// <summary>The Belgian enterprise number scheme (KBO/BCE), checked mod 97 (PEPPOL-COMMON-R043).</summary>
    public const string BelgianEnterprise = "0208";

    public override string ToString() => $"{Scheme}:{Id}";

    /// <summary>
    /// Reads <c>scheme:id</c>: a scheme of the EAS code list and an identifier of at most 50 characters without
    /// spaces; under 0208 a valid Belgian enterprise number (written as its ten digits).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PeppolAddress? address)
    {
        address = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var scheme = text[..colon].Trim();
        var id = text[(colon + 1)..].Trim();
        if (!PeppolCodeLists.Eas.Contains(scheme) || id.Length is 0 or > 50 || id.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (scheme == BelgianEnterprise)
        {
            if (EnterpriseNumber.Normalize(id) is not { } digits)
            {
                return false;
            }

            id = digits;
        }

        address = new PeppolAddress(scheme, id);
        return true;
    }

    /// <summary>
    /// The party's Peppol address: the one it gave, else its Belgian enterprise number on 0208; null when it has
    /// neither (a private customer), and then no Peppol document can be addressed to it.
    /// </summary>
    public static PeppolAddress? Of(InvoiceParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        if (TryParse(party.PeppolEndpoint, out var given))
        {
            return given;
        }

        return EnterpriseNumber.Normalize(party.EnterpriseNumber) is { } enterprise ? new PeppolAddress(BelgianEnterprise, enterprise) : null;
    }
}
