using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Werkbon.Server.Hosting;

/// <summary>Every error leaves as RFC 9457 problem details.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException unread && JsonInput.Problem(unread, httpContext.RequestServices.GetRequiredService<Texts>()) is { } invalid)
        {
            await invalid.ExecuteAsync(httpContext);
            return true;
        }

        ProblemDetails? problem = exception switch
        {
            DomainException domain => new ProblemDetails
            {
                Status = domain.Status,
                Title = "The request breaks a business rule.",
                Detail = domain.Message,
                Extensions = { ["field"] = domain.Field },
            },
            DbUpdateConcurrencyException => Conflicts.StaleProblem(),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>
/// Every error answer is problem details, so it carries that media type (RFC 9457): a typed result holding a
/// <see cref="ProblemDetails"/> (<c>NotFound&lt;ProblemDetails&gt;</c>, <c>Conflict&lt;ProblemDetails&gt;</c>, …) writes it as plain
/// JSON, and this relabels it as the answer starts.
/// </summary>
public static class ProblemMediaType
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";

    public static IApplicationBuilder UseProblemMediaType(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode >= 400 && response.ContentType is { } type && type.StartsWith(Json, StringComparison.OrdinalIgnoreCase)
                    && (type.Length == Json.Length || type[Json.Length] == ';'))
                {
                    response.ContentType = Problem + type[Json.Length..];
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}

public static class Conflicts
{
    public static ProblemDetails StaleProblem() => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Someone else changed this record.",
        Detail = "The record was changed since you loaded it. Reload it and apply your change again.",
    };

    public static Conflict<ProblemDetails> Stale() => TypedResults.Conflict(StaleProblem());
}
