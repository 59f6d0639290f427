using Werkbon.Core.Reports;

namespace Werkbon.Field.Sync;

/// <summary><c>POST /login</c>.</summary>
public sealed record LoginRequest(string Email, string Password);

/// <summary><c>POST /refresh</c>.</summary>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>The bearer tokens of ASP.NET Core Identity's token endpoints.</summary>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary><c>GET /api/sync/me</c>: who signs the reports made on this device.</summary>
public sealed record FieldIdentity(Guid Id, string Name, string Email, string? RateClass, string Language, string CompanyName);

/// <summary>The body of <c>PUT /api/sync/reports/{id}</c>: the signed document and the hash the device computed.</summary>
public sealed record PushReportBody(ReportDocument Document, string Hash);

/// <summary>The parts of RFC 9457 problem details the app shows (validation problems list their fields).</summary>
public sealed record Problem(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);
