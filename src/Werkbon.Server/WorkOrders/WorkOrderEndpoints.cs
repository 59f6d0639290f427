using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;
using Werkbon.Server.People;

namespace Werkbon.Server.WorkOrders;

public static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/work-orders").WithTags("Work orders").RequireAuthorization(Policies.Office);
        orders.MapGet("/", SearchWorkOrders.Handle);
        orders.MapGet("/{id:guid}", Get);
        orders.MapGet("/{id:guid}/paperwork", WorkOrderPaperwork.Handle);
        orders.MapPost("/", SaveWorkOrder.Create);
        orders.MapPut("/{id:guid}", SaveWorkOrder.Update);
        orders.MapPut("/{id:guid}/plan", PlanWorkOrder.Handle);
        orders.MapArchiving(db => db.WorkOrders, "work order");
        orders.MapPost("/{id:guid}/cancel", (Guid id, AppDb db, CancellationToken ct) => Move(id, w => w.Cancel(), db, ct));

        // A technician moves their own work orders along; the office may move any.
        var moves = app.MapGroup("/api/work-orders").WithTags("Work orders").RequireAuthorization();
        moves.MapPost("/{id:guid}/start", (Guid id, AppDb db, ClaimsPrincipal user, CancellationToken ct) => Move(id, w => w.Start(), db, ct, user));
        moves.MapPost("/{id:guid}/complete", (Guid id, AppDb db, ClaimsPrincipal user, CancellationToken ct) => Move(id, w => w.Complete(), db, ct, user));

        app.MapGet("/api/planning", PlanningBoard.Handle).WithTags("Work orders").RequireAuthorization(Policies.Office);
        app.MapGet("/api/technicians/me/work-orders", MyWorkOrders.Handle)
            .WithTags("Technician").RequireAuthorization(Policies.Technician);
        return app;
    }

    private static async Task<Results<Ok<WorkOrderDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await SaveWorkOrder.Details(db, id, ct) is { } details ? TypedResults.Ok(details) : Rows.Missing("work order");

    private static async Task<Results<Ok<WorkOrderDetails>, NotFound<ProblemDetails>>> Move(
        Guid id, Action<WorkOrder> move, AppDb db, CancellationToken ct, ClaimsPrincipal? user = null)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null || (user is not null && !MayMove(user, order)))
        {
            return Rows.Missing("work order");
        }

        move(order);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await SaveWorkOrder.Details(db, id, ct))!);
    }

    private static bool MayMove(ClaimsPrincipal user, WorkOrder order) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Office)
        || (Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && order.Technicians.Any(t => t.UserId == me));
}
