using System.Net.Mail;
using System.Text.RegularExpressions;
using Werkbon.Core.Invoicing;

namespace Werkbon.Server.Hosting;

/// <summary>
/// A kind of text field: how long it may be and, for a code, the form it must have. <see cref="FormatKey"/> is the
/// text key of the message when <see cref="IsWellFormed"/> says no.
/// </summary>
public sealed record FieldKind(int MaxLength, Func<string, bool>? IsWellFormed = null, string FormatKey = "Validation.Invalid");

/// <summary>
/// The one rule per kind of field, used by every endpoint and screen through <see cref="Validation.Field"/>, and by
/// the data model for the width of the columns that hold them (<see cref="Line"/> is every text column's default),
/// so what is accepted always fits where it is stored. No text in an API body may be longer than
/// <see cref="LongestText"/>, whatever field it is in.
/// </summary>
public static partial class Fields
{
    /// <summary>A short code: article code, rate class, time band key.</summary>
    public static readonly FieldKind Code = new(40);

    /// <summary>A label: a person's display name, an asset's type, brand, model or serial number, a holiday, a category, a contact's role.</summary>
    public static readonly FieldKind Label = new(100);

    /// <summary>A name: customer, site, contact, article, contract.</summary>
    public static readonly FieldKind Name = new(200);

    /// <summary>One line of text, such as an invoice line's description; the width of every text column unless it says otherwise.</summary>
    public static readonly FieldKind Line = new(400);

    /// <summary>A note: a site's access notes, a credit note's reason.</summary>
    public static readonly FieldKind Note = new(2000);

    /// <summary>A long note: a customer's notes, a work order's description.</summary>
    public static readonly FieldKind LongNote = new(4000);

    /// <summary>A document's text: a contract's terms.</summary>
    public static readonly FieldKind Document = new(8000);

    /// <summary>The longest text any field takes: a longer text anywhere in a request is refused (<see cref="JsonInput"/>).</summary>
    public static int LongestText => Document.MaxLength;

    public static readonly FieldKind Street = new(200);

    /// <summary>Letters, digits, spaces and hyphens, as postcodes are written across Europe (1000, 4812 XB, SW1A 1AA, 75008).</summary>
    public static readonly FieldKind PostalCode = new(12, s => PostalCodeForm().IsMatch(s), "Validation.PostalCode");

    public static readonly FieldKind City = new(100);

    /// <summary>An ISO 3166-1 alpha-2 country code in capitals, from the code list every invoice is checked against.</summary>
    public static readonly FieldKind Country = new(2, s => s.All(char.IsAsciiLetterUpper) && PeppolCodeLists.Countries.Contains(s), "Validation.Country");

    /// <summary>An e-mail address: at most 254 characters (the longest an SMTP path holds), a domain with a dot.</summary>
    public static readonly FieldKind Email = new(254, IsEmail, "Validation.Email");

    /// <summary>A phone number: digits with an optional leading +, spaces, dots, slashes, hyphens and brackets; at least 6 digits.</summary>
    public static readonly FieldKind Phone = new(40, s => PhoneForm().IsMatch(s) && s.Count(char.IsAsciiDigit) >= 6, "Validation.Phone");

    /// <summary>An IBAN as a bank prints it or without spaces: country, check digits mod 97, at most 34 characters (the rule of the payment QR code).</summary>
    public static readonly FieldKind Iban = new(42, s => EpcQr.IsValidIban(s.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()), "Validation.Iban");

    /// <summary>An ISO 4217 currency code in capitals, from the code list every invoice is checked against.</summary>
    public static readonly FieldKind Currency = new(3, PeppolCodeLists.Currencies.Contains, "Validation.Currency");

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var parsed) && parsed.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,10}[A-Za-z0-9])?$")]
    private static partial Regex PostalCodeForm();

    [GeneratedRegex(@"^\+?[0-9 ().\/-]+$")]
    private static partial Regex PhoneForm();
}
