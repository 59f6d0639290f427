namespace Werkbon.Server.Reports;

/// <summary>Who did what to which row, when, with the state before and after and the reason. Never changed.</summary>
public sealed class AuditEvent : CompanyEntity
{
    public DateTime At { get; set; }

    /// <summary>The person; null for a decision the system made by itself (with its reason).</summary>
    public Guid? UserId { get; set; }

    public string Action { get; set; } = "";

    public string Entity { get; set; } = "";

    public Guid EntityId { get; set; }

    public string Before { get; set; } = "";

    public string After { get; set; } = "";

    public string Reason { get; set; } = "";
}
