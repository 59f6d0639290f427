using Werkbon.Server.Data;

namespace Werkbon.Server.WorkOrders;

public enum WorkOrderStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>A job to do for a customer at a site, assigned to technicians in a time window.</summary>
public sealed class WorkOrder : CompanyEntity
{
    public string Number { get; set; } = "";

    public Guid CustomerId { get; set; }

    public Guid SiteId { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Start of the scheduled window, UTC.</summary>
    public DateTime ScheduledStart { get; set; }

    /// <summary>End of the scheduled window, UTC.</summary>
    public DateTime ScheduledEnd { get; set; }

    public WorkOrderStatus Status { get; private set; } = WorkOrderStatus.Planned;

    public List<WorkOrderAsset> Assets { get; set; } = [];

    public List<WorkOrderTechnician> Technicians { get; set; } = [];

    public void Start() => MoveTo(WorkOrderStatus.InProgress, WorkOrderStatus.Planned);

    public void Complete() => MoveTo(WorkOrderStatus.Completed, WorkOrderStatus.InProgress, WorkOrderStatus.Planned);

    public void Cancel() => MoveTo(WorkOrderStatus.Cancelled, WorkOrderStatus.Planned, WorkOrderStatus.InProgress);

    /// <summary>Moves the window to a new start (same length) and sets who does it; only while the job is open.</summary>
    public void Plan(DateTime startUtc, IReadOnlyList<Guid> technicianIds)
    {
        if (!IsOpen)
        {
            throw new DomainException($"A work order that is {Status} cannot be planned again.", nameof(Status), StatusCodes.Status409Conflict);
        }

        var length = ScheduledEnd - ScheduledStart;
        ScheduledStart = startUtc;
        ScheduledEnd = startUtc + length;
        var keep = Technicians.Where(t => technicianIds.Contains(t.UserId)).ToList();
        Technicians = [.. keep, .. technicianIds.Where(id => keep.All(t => t.UserId != id)).Select(id => new WorkOrderTechnician { UserId = id })];
    }

    public bool IsOpen => Status is WorkOrderStatus.Planned or WorkOrderStatus.InProgress;

    private void MoveTo(WorkOrderStatus next, params WorkOrderStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new DomainException($"A work order that is {Status} cannot become {next}.", nameof(Status), StatusCodes.Status409Conflict);
        }

        Status = next;
    }
}

public sealed class WorkOrderAsset
{
    public Guid AssetId { get; set; }
}

public sealed class WorkOrderTechnician
{
    public Guid UserId { get; set; }
}
