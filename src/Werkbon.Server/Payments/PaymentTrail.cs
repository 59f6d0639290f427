namespace Werkbon.Server.Payments;

/// <summary>One step in the history of a movement or an invoice's payments: booked, or undone, by whom and when.</summary>
public sealed record TrailEntry(DateTime At, bool Undone, Guid InvoiceId, string? InvoiceNumber, decimal Amount, string? By);

/// <summary>
/// The history the reconciliation list shows beside each movement: every payment ever booked from it, undone
/// ones included (a payment is never deleted), with the people who booked and undid it.
/// </summary>
public static class PaymentTrail
{
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TrailEntry>>> ForLinesAsync(AppDb db, IReadOnlyCollection<Guid> lineIds, CancellationToken ct)
    {
        var payments = await (from p in db.Payments.AsNoTracking()
                              join i in db.Invoices on p.InvoiceId equals i.Id
                              where p.BankLineId != null && lineIds.Contains(p.BankLineId.Value)
                              select new { Line = p.BankLineId!.Value, p.InvoiceId, i.Number, p.Amount, p.RecordedAt, p.RecordedBy, p.UndoneAt, p.UndoneBy })
            .ToListAsync(ct);
        var people = payments.SelectMany(p => new[] { p.RecordedBy, p.UndoneBy }).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;

        return payments
            .SelectMany(p => p.UndoneAt is { } undoneAt
                ? new[] { (p.Line, Entry: new TrailEntry(p.RecordedAt, false, p.InvoiceId, p.Number, p.Amount, Name(p.RecordedBy))), (p.Line, Entry: new TrailEntry(undoneAt, true, p.InvoiceId, p.Number, p.Amount, Name(p.UndoneBy))) }
                : [(p.Line, Entry: new TrailEntry(p.RecordedAt, false, p.InvoiceId, p.Number, p.Amount, Name(p.RecordedBy)))])
            .GroupBy(x => x.Line)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TrailEntry>)[.. g.Select(x => x.Entry).OrderBy(e => e.At).ThenBy(e => e.Undone)]);
    }
}
