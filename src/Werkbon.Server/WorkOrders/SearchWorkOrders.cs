using Werkbon.Server.Hosting;

namespace Werkbon.Server.WorkOrders;

/// <summary>Finds work orders by text, status, customer, technician and period; the API and the list page share it.</summary>
public static class SearchWorkOrders
{
    public static async Task<Ok<Page<WorkOrderDetails>>> Handle(
        AppDb db, string? search, WorkOrderStatus? status, Guid? customerId, Guid? technicianId, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = Filter(db, search, status, customerId, technicianId, from?.UtcDateTime, to?.UtcDateTime, includeArchived == true);
        return TypedResults.Ok(await SaveWorkOrder.Project(db, query.OrderBy(w => w.ScheduledStart).ThenBy(w => w.Id)).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>Work orders overlapping [from, to) (UTC) that match the other filters.</summary>
    public static IQueryable<WorkOrder> Filter(
        AppDb db, string? search, WorkOrderStatus? status, Guid? customerId, Guid? technicianId, DateTime? from, DateTime? to, bool includeArchived)
    {
        var query = db.WorkOrders.AsNoTracking();
        if (!includeArchived)
        {
            query = query.Where(w => w.ArchivedAt == null);
        }

        if (status is not null)
        {
            query = query.Where(w => w.Status == status);
        }

        if (customerId is not null)
        {
            query = query.Where(w => w.CustomerId == customerId);
        }

        if (technicianId is not null)
        {
            query = query.Where(w => w.Technicians.Any(t => t.UserId == technicianId));
        }

        if (from is { } start)
        {
            query = query.Where(w => w.ScheduledEnd >= start);
        }

        if (to is { } end)
        {
            query = query.Where(w => w.ScheduledStart < end);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(w => EF.Functions.Like(w.Number.ToLower(), pattern)
                || EF.Functions.Like(w.Description.ToLower(), pattern)
                || db.Customers.Any(c => c.Id == w.CustomerId && EF.Functions.Like(c.Name.ToLower(), pattern)));
        }

        return query;
    }
}
