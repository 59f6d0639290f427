namespace Werkbon.Core.Vat;

/// <summary>
/// The legal mentions a Belgian invoice must carry (Dutch and French: the statutory wording; English: a
/// courtesy translation; German falls back to English). Peppol allows one note, so they are plain text.
/// </summary>
public static class LegalTexts
{
    public static string ReverseCharge(Language language) => language switch
    {
        Language.Nl => "Verlegging van heffing: Bij gebrek aan schriftelijke betwisting binnen een termijn van één maand na de ontvangst van de factuur, wordt de afnemer geacht te erkennen dat hij een belastingplichtige is gehouden tot de indiening van periodieke aangiften. Als die voorwaarde niet vervuld is, is de afnemer ten aanzien van die voorwaarde aansprakelijk voor de betaling van de verschuldigde belasting, interesten en geldboeten.",
        Language.Fr => "Autoliquidation : En l'absence de contestation par écrit, dans un délai d'un mois à compter de la réception de la facture, le client est présumé reconnaître qu'il est un assujetti tenu au dépôt de déclarations périodiques. Si cette condition n'est pas remplie, le client endossera, par rapport à cette condition, la responsabilité quant au paiement de la taxe, des intérêts et des amendes dus.",
        _ => "Reverse charge: Unless disputed in writing within one month of receiving the invoice, the customer is deemed to acknowledge that it is a taxable person required to file periodic VAT returns. If that condition is not met, the customer is liable, with regard to that condition, for the payment of the tax, interest and fines due.",
    };

    public static string RenovationSixPercent(Language language) => language switch
    {
        Language.Nl => "Btw-tarief: Bij gebrek aan schriftelijke betwisting binnen een termijn van één maand vanaf de ontvangst van de factuur, wordt de klant geacht te erkennen dat (1) de werken worden verricht aan een woning waarvan de eerste ingebruikneming heeft plaatsgevonden in een kalenderjaar dat ten minste tien jaar voorafgaat aan de datum van de eerste factuur met betrekking tot die werken, (2) de woning, na uitvoering van die werken, uitsluitend of hoofdzakelijk als privéwoning wordt gebruikt en (3) de werken worden verstrekt en gefactureerd aan een eindverbruiker. Wanneer minstens één van die voorwaarden niet is voldaan, zal het normale btw-tarief van 21 pct. van toepassing zijn en is de afnemer ten aanzien van die voorwaarden aansprakelijk voor de betaling van de verschuldigde belasting, interesten en geldboeten.",
        Language.Fr => "Taux de TVA : En l'absence de contestation par écrit, dans un délai d'un mois à compter de la réception de la facture, le client est présumé reconnaître que (1) les travaux sont effectués à un bâtiment d'habitation dont la première occupation a eu lieu au cours d'une année civile qui précède d'au moins dix ans la date de la première facture relative à ces travaux, (2) qu'après l'exécution de ces travaux, l'habitation est utilisée, soit exclusivement, soit à titre principal comme logement privé et (3) que ces travaux sont fournis et facturés à un consommateur final. Si au moins une de ces conditions n'est pas remplie, le taux normal de TVA de 21 p.c. sera applicable et le client endossera, par rapport à ces conditions, la responsabilité quant au paiement de la taxe, des intérêts et des amendes dus.",
        _ => "VAT rate: Unless disputed in writing within one month of receiving the invoice, the customer is deemed to acknowledge that (1) the works are carried out on a dwelling first occupied in a calendar year at least ten years before the date of the first invoice for those works, (2) after the works the dwelling is used exclusively or mainly as a private home and (3) the works are supplied and invoiced to a final consumer. If at least one of those conditions is not met, the normal VAT rate of 21 % applies and the customer is liable, with regard to those conditions, for the payment of the tax, interest and fines due.",
    };
}
