using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Parties;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Customers;

public sealed record ContactInput(string Name, string? Role, string? Email, string? Phone);

public sealed record CustomerInput(
    CustomerKind Kind,
    string Name,
    string? EnterpriseNumber,
    string? VatNumber,
    string? PeppolEndpoint,
    string? Language,
    Address? BillingAddress,
    string? Email,
    string? Phone,
    int PaymentTermDays,
    bool FilesPeriodicVatReturns,
    string? Notes,
    IReadOnlyList<ContactInput>? Contacts,
    int? Version = null,
    IReadOnlyList<string>? BankAccounts = null,
    bool AlsoEmailInvoices = false);

public sealed record CustomerDetails(
    Guid Id,
    CustomerKind Kind,
    string Name,
    string EnterpriseNumber,
    string VatNumber,
    string PeppolEndpoint,
    string Language,
    Address BillingAddress,
    string Email,
    string Phone,
    int PaymentTermDays,
    bool FilesPeriodicVatReturns,
    string Notes,
    IReadOnlyList<ContactInput> Contacts,
    bool Archived,
    int Version,
    IReadOnlyList<string> BankAccounts,
    bool AlsoEmailInvoices)
{
    public static CustomerDetails From(Customer c) => new(
        c.Id, c.Kind, c.Name, c.EnterpriseNumber, c.VatNumber, c.PeppolEndpoint, c.Language, c.BillingAddress,
        c.Email, c.Phone, c.PaymentTermDays, c.FilesPeriodicVatReturns, c.Notes,
        [.. c.Contacts.Select(k => new ContactInput(k.Name, k.Role, k.Email, k.Phone))], c.IsArchived, c.Version, [.. c.BankAccounts], c.AlsoEmailInvoices);
}

/// <summary>Creates or edits a customer: numbers checked and normalised, Peppol id defaulted.</summary>
public static partial class SaveCustomer
{
    public static readonly string[] CustomerLanguages = ["nl", "fr", "en", "de"];

    public static async Task<Results<Created<CustomerDetails>, ValidationProblem>> Create(
        CustomerInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var customer = new Customer();
        var validation = Apply(input, customer, texts);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerDetails.From(customer));
    }

    public static async Task<Results<Ok<CustomerDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, CustomerInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return Rows.Missing("customer");
        }

        if (!db.IsCurrent(customer, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = Apply(input, customer, texts);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CustomerDetails.From(customer));
    }

    /// <summary>Validates the input and, only when it is valid, copies it onto the customer.</summary>
    public static Validation Apply(CustomerInput input, Customer customer, Texts texts)
    {
        var v = new Validation(texts);
        v.Required("name", input.Name, Fields.Name);
        v.Email("email", input.Email);
        v.Field("phone", input.Phone, Fields.Phone);
        v.Field("notes", input.Notes, Fields.LongNote);
        v.Field("enterpriseNumber", input.EnterpriseNumber, Fields.Code);
        v.Field("vatNumber", input.VatNumber, Fields.Code);
        v.Field("peppolEndpoint", input.PeppolEndpoint, Fields.Label);
        v.Address("billingAddress", input.BillingAddress);
        if (!Enum.IsDefined(input.Kind))
        {
            v.Add("kind", "Validation.Invalid");
        }

        var language = string.IsNullOrWhiteSpace(input.Language) ? "nl" : input.Language.Trim().ToLowerInvariant();
        if (!CustomerLanguages.Contains(language))
        {
            v.Add("language", "Validation.Language");
        }

        if (input.PaymentTermDays is < 0 or > 180)
        {
            v.Add("paymentTermDays", "Validation.Range", 0, 180);
        }

        string? enterprise = null;
        if (!string.IsNullOrWhiteSpace(input.EnterpriseNumber))
        {
            enterprise = EnterpriseNumber.Normalize(input.EnterpriseNumber);
            if (enterprise is null)
            {
                v.Add("enterpriseNumber", "Validation.EnterpriseNumber");
            }
        }

        string? vat = null;
        if (!string.IsNullOrWhiteSpace(input.VatNumber))
        {
            vat = VatNumber.Normalize(input.VatNumber);
            if (vat is null)
            {
                v.Add("vatNumber", "Validation.VatNumber");
            }
        }

        // A Belgian VAT number is the enterprise number with BE in front: fill one from the other.
        if (vat is not null && vat.StartsWith("BE", StringComparison.Ordinal))
        {
            if (enterprise is null && string.IsNullOrWhiteSpace(input.EnterpriseNumber))
            {
                enterprise = vat[2..];
            }
            else if (enterprise is not null && enterprise != vat[2..])
            {
                v.Add("vatNumber", "Validation.VatMismatch");
            }
        }

        var belgian = input.BillingAddress?.Country is null or "BE";
        if (input.Kind == CustomerKind.Business)
        {
            if (belgian && enterprise is null && string.IsNullOrWhiteSpace(input.EnterpriseNumber))
            {
                v.Add("enterpriseNumber", "Validation.EnterpriseNumberRequired");
            }

            if (input.FilesPeriodicVatReturns && vat is null && enterprise is not null && belgian)
            {
                vat = "BE" + enterprise;
            }
            else if (input.FilesPeriodicVatReturns && vat is null && string.IsNullOrWhiteSpace(input.VatNumber))
            {
                v.Add("vatNumber", "Validation.VatNumberRequired");
            }
        }
        else if (input.FilesPeriodicVatReturns)
        {
            v.Add("filesPeriodicVatReturns", "Validation.PrivateFilesVat");
        }

        var peppol = input.PeppolEndpoint?.Trim() ?? "";
        if (peppol.Length == 0 && input.Kind == CustomerKind.Business && enterprise is not null)
        {
            peppol = "0208:" + enterprise;
        }
        else if (peppol.Length > 0 && (!PeppolId().IsMatch(peppol) || !Werkbon.Core.Invoicing.PeppolAddress.TryParse(peppol, out _)))
        {
            // The scheme must be one Peppol accepts (EAS code list), an enterprise number under 0208 must be valid.
            v.Add("peppolEndpoint", "Validation.PeppolEndpoint");
        }

        var contacts = input.Contacts ?? [];
        for (var i = 0; i < contacts.Count; i++)
        {
            v.Required($"contacts[{i}].name", contacts[i].Name, Fields.Name);
            v.Email($"contacts[{i}].email", contacts[i].Email);
            v.Field($"contacts[{i}].role", contacts[i].Role, Fields.Label);
            v.Field($"contacts[{i}].phone", contacts[i].Phone, Fields.Phone);
        }

        var accounts = input.BankAccounts ?? [];
        if (accounts.Count > 20)
        {
            v.Add("bankAccounts", "Validation.Range", 0, 20);
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            v.Required($"bankAccounts[{i}]", accounts[i], Fields.Iban);
        }

        if (!v.IsValid)
        {
            return v;
        }

        customer.Kind = input.Kind;
        customer.Name = input.Name.Trim();
        customer.EnterpriseNumber = enterprise ?? "";
        customer.VatNumber = vat ?? "";
        customer.PeppolEndpoint = peppol;
        customer.Language = language;
        customer.BillingAddress = Normalize(input.BillingAddress!);
        customer.Email = input.Email?.Trim() ?? "";
        customer.Phone = input.Phone?.Trim() ?? "";
        customer.PaymentTermDays = input.PaymentTermDays;
        customer.FilesPeriodicVatReturns = input.FilesPeriodicVatReturns;
        customer.AlsoEmailInvoices = input.AlsoEmailInvoices;
        customer.Notes = input.Notes?.Trim() ?? "";
        customer.Contacts = [.. contacts.Select(k => new CustomerContact
        {
            Name = k.Name.Trim(),
            Role = k.Role?.Trim() ?? "",
            Email = k.Email?.Trim() ?? "",
            Phone = k.Phone?.Trim() ?? "",
        })];
        customer.BankAccounts = [.. accounts.Select(Werkbon.Core.Banking.BankStatements.CompactAccount).Distinct()];
        return v;
    }

    public static Address Normalize(Address address) =>
        new((address.Street ?? "").Trim(), (address.PostalCode ?? "").Trim(), (address.City ?? "").Trim(), string.IsNullOrWhiteSpace(address.Country) ? "BE" : address.Country.Trim().ToUpperInvariant());

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}:[A-Za-z0-9.\-]{1,50}$")]
    private static partial System.Text.RegularExpressions.Regex PeppolId();
}
