using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;
using Werkbon.Server.Reports;

namespace Werkbon.Server.WorkOrders;

/// <summary>
/// A move on the planning board. <c>TechnicianId</c> null leaves the order unassigned. With
/// <c>FromTechnicianId</c> only that technician is swapped (the others of a team job stay); without it
/// the order gets exactly the one technician. The window keeps its length.
/// </summary>
public sealed record PlanRequest(Guid? TechnicianId, DateTimeOffset PlannedStart, int? Version, Guid? FromTechnicianId = null);

/// <summary>
/// <c>PUT /api/work-orders/{id}/plan</c>: reassigns and/or reschedules an open work order, with the
/// version the planner read (stale → 409), and audits the move. The technicians' next pull follows
/// from the stored assignment.
/// </summary>
public static class PlanWorkOrder
{
    public static async Task<Results<Ok<WorkOrderDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Handle(
        Guid id, PlanRequest request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return Rows.Missing("work order");
        }

        if (!db.IsCurrent(order, request.Version))
        {
            return Conflicts.Stale();
        }

        var v = new Validation(texts);
        if (request.PlannedStart == default)
        {
            v.Add("plannedStart", "Validation.Required");
        }
        else
        {
            v.Date("plannedStart", request.PlannedStart);
        }

        if (request.TechnicianId is { } technicianId && !await IsTechnicianAsync(db, technicianId, ct))
        {
            v.Add("technicianId", "Validation.UnknownTechnician");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var before = Describe(order);
        var technicians = order.Technicians.Select(t => t.UserId).ToList();
        if (request.FromTechnicianId is { } from)
        {
            technicians.Remove(from);
        }
        else
        {
            technicians.Clear();
        }

        if (request.TechnicianId is { } to && !technicians.Contains(to))
        {
            technicians.Add(to);
        }

        order.Plan(request.PlannedStart.UtcDateTime, technicians);
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var me) ? me : null,
            Action = "work-order.planned",
            Entity = nameof(WorkOrder),
            EntityId = order.Id,
            Before = before,
            After = Describe(order),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await SaveWorkOrder.Details(db, order.Id, ct))!);
    }

    private static async Task<bool> IsTechnicianAsync(AppDb db, Guid technicianId, CancellationToken ct)
    {
        var companyId = db.CompanyId;
        var technicianRole = await db.Roles.Where(r => r.Name == Roles.Technician).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users
            .Where(u => u.Id == technicianId && u.CompanyId == companyId && u.ArchivedAt == null)
            .AnyAsync(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == technicianRole), ct);
    }

    private static string Describe(WorkOrder order) => string.Create(
        CultureInfo.InvariantCulture,
        $"{order.ScheduledStart:O}–{order.ScheduledEnd:O} [{string.Join(",", order.Technicians.Select(t => t.UserId).Order())}]");
}
