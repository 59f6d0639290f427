namespace Werkbon.Server.Data;

/// <summary>A broken business rule. One handler turns it into RFC 9457 problem details.</summary>
public sealed class DomainException(string message, string? field = null, int status = StatusCodes.Status400BadRequest)
    : Exception(message)
{
    public string? Field { get; } = field;

    public int Status { get; } = status;
}
