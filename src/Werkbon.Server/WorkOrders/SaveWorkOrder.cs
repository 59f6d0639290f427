using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Companies;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;

namespace Werkbon.Server.WorkOrders;

public sealed record WorkOrderInput(
    Guid CustomerId,
    Guid SiteId,
    string Description,
    DateTimeOffset ScheduledStart,
    DateTimeOffset ScheduledEnd,
    IReadOnlyList<Guid>? AssetIds,
    IReadOnlyList<Guid>? TechnicianIds,
    int? Version = null);

public sealed record WorkOrderDetails(
    Guid Id,
    string Number,
    Guid CustomerId,
    string CustomerName,
    Guid SiteId,
    string SiteName,
    Address SiteAddress,
    string Description,
    DateTime ScheduledStart,
    DateTime ScheduledEnd,
    WorkOrderStatus Status,
    IReadOnlyList<Guid> AssetIds,
    IReadOnlyList<Guid> TechnicianIds,
    bool Archived,
    int Version);

/// <summary>Plans a job: customer, site, assets, window, technicians. Numbers are WO-yyyy-nnnn per company.</summary>
public static class SaveWorkOrder
{
    public static async Task<Results<Created<WorkOrderDetails>, ValidationProblem>> Create(
        WorkOrderInput input, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var order = new WorkOrder();
        var validation = await Apply(input, order, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        order.Number = await NextNumber(db, clock, ct);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/work-orders/{order.Id}", (await Details(db, order.Id, ct))!);
    }

    public static async Task<Results<Ok<WorkOrderDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Guid id, WorkOrderInput input, AppDb db, Texts texts, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return Rows.Missing("work order");
        }

        if (!db.IsCurrent(order, input.Version))
        {
            return Conflicts.Stale();
        }

        var validation = await Apply(input, order, db, texts, ct);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await Details(db, order.Id, ct))!);
    }

    public static async Task<Validation> Apply(WorkOrderInput input, WorkOrder order, AppDb db, Texts texts, CancellationToken ct)
    {
        var v = new Validation(texts);
        v.Required("description", input.Description, Fields.LongNote);
        v.Date("scheduledStart", input.ScheduledStart).Date("scheduledEnd", input.ScheduledEnd);
        if (input.ScheduledEnd <= input.ScheduledStart)
        {
            v.Add("scheduledEnd", "Validation.EndBeforeStart");
        }

        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
        {
            v.Add("customerId", "Validation.UnknownCustomer");
        }

        if (!await db.Sites.AnyAsync(s => s.Id == input.SiteId && s.CustomerId == input.CustomerId, ct))
        {
            v.Add("siteId", "Validation.SiteOfCustomer");
        }

        var assetIds = (input.AssetIds ?? []).Distinct().ToList();
        if (assetIds.Count > 0 && await db.Assets.CountAsync(a => assetIds.Contains(a.Id) && a.SiteId == input.SiteId, ct) != assetIds.Count)
        {
            v.Add("assetIds", "Validation.AssetsOfSite");
        }

        var technicianIds = (input.TechnicianIds ?? []).Distinct().ToList();
        if (technicianIds.Count > 0)
        {
            var companyId = db.CompanyId;
            var technicianRole = await db.Roles.Where(r => r.Name == Roles.Technician).Select(r => r.Id).FirstOrDefaultAsync(ct);
            var known = await db.Users
                .Where(u => technicianIds.Contains(u.Id) && u.CompanyId == companyId && u.ArchivedAt == null)
                .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == technicianRole))
                .CountAsync(ct);
            if (known != technicianIds.Count)
            {
                v.Add("technicianIds", "Validation.UnknownTechnician");
            }
        }

        if (!order.IsOpen)
        {
            v.Add("status", "Validation.WorkOrderClosed");
        }

        if (!v.IsValid)
        {
            return v;
        }

        order.CustomerId = input.CustomerId;
        order.SiteId = input.SiteId;
        order.Description = input.Description.Trim();
        order.ScheduledStart = input.ScheduledStart.UtcDateTime;
        order.ScheduledEnd = input.ScheduledEnd.UtcDateTime;
        order.Assets = [.. assetIds.Select(id => new WorkOrderAsset { AssetId = id })];
        order.Technicians = [.. technicianIds.Select(id => new WorkOrderTechnician { UserId = id })];
        return v;
    }

    /// <summary>
    /// Takes the next number of the company's yearly series in a statement of its own, so concurrent creates never
    /// collide; a create that fails after taking its number leaves a gap.
    /// </summary>
    private static async Task<string> NextNumber(AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var year = clock.GetUtcNow().Year;
        var number = await SerialWrites.TakeWorkOrderNumberAsync(db, year, ct);
        return $"WO-{year}-{number:0000}";
    }

    public static IQueryable<WorkOrderDetails> Project(AppDb db, IQueryable<WorkOrder> orders) =>
        from w in orders
        join c in db.Customers on w.CustomerId equals c.Id
        join s in db.Sites on w.SiteId equals s.Id
        select new WorkOrderDetails(
            w.Id, w.Number, w.CustomerId, c.Name, w.SiteId, s.Name, s.Address, w.Description, w.ScheduledStart, w.ScheduledEnd, w.Status,
            w.Assets.Select(a => a.AssetId).ToList(), w.Technicians.Select(t => t.UserId).ToList(), w.ArchivedAt != null, w.Version);

    public static Task<WorkOrderDetails?> Details(AppDb db, Guid id, CancellationToken ct) =>
        Project(db, db.WorkOrders.AsNoTracking().Where(w => w.Id == id)).FirstOrDefaultAsync(ct);
}
