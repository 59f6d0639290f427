using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>Cheap invoicing set-ups: a customer and draft invoices written straight to the database.</summary>
public static class Invoices
{
    public static Task<Guid> CustomerAsync(TestCompany company, string name = "Bakkerij Peeters") =>
        company.App.InCompany(company.Id, async (db, _) =>
        {
            var customer = new Customer
            {
                Kind = CustomerKind.Business,
                Name = name,
                EnterpriseNumber = "0403170701",
                VatNumber = "BE0403170701",
                BillingAddress = new Address("Meir 1", "2000", "Antwerpen"),
                PaymentTermDays = 30,
            };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return customer.Id;
        });

    /// <summary>Drafts of one or two lines each (100.00 at 21 %, and 40.00 at 6 % on every other one).</summary>
    public static Task<List<Guid>> DraftsAsync(TestCompany company, Guid customerId, int count) =>
        company.App.InCompany(company.Id, async (db, services) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var ids = new List<Guid>(count);
            for (var i = 0; i < count; i++)
            {
                var lines = new List<InvoiceLine> { new($"Onderhoud {i + 1}", 1, "C62", 100m, 100m, VatCategory.S, 21m) };
                if (i % 2 == 1)
                {
                    lines.Add(new InvoiceLine("Radiatorkraan", 2, "C62", 20m, 40m, VatCategory.S, 6m));
                }

                var draft = new Invoice(InvoiceKind.Invoice, customerId, $"test:{Guid.NewGuid()}", lines, now);
                db.Invoices.Add(draft);
                ids.Add(draft.Id);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return ids;
        });

    public static Task<ChainVerification> VerifyAsync(TestCompany company) =>
        company.App.InCompany(company.Id, (db, _) => VerifyInvoiceChain.VerifyAsync(db, TestContext.Current.CancellationToken));

    public static Task<List<IssuedRow>> IssuedAsync(TestCompany company) =>
        company.App.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Issued)
            .OrderBy(i => i.ChainPosition)
            .Select(i => new IssuedRow(i.Id, i.Kind, i.Number!, i.Sequence!.Value, i.IssueDate!.Value, i.ChainPosition!.Value))
            .ToListAsync(TestContext.Current.CancellationToken));

    public sealed record IssuedRow(Guid Id, InvoiceKind Kind, string Number, long Sequence, DateOnly IssueDate, long ChainPosition);
}
