using System.Globalization;
using Microsoft.AspNetCore.Components;
using Werkbon.Core.Calendar;

namespace Werkbon.Server.Portal;

/// <summary>
/// A portal page: server-rendered once per request (no websocket, so it works on any phone), for the visitor the
/// request's token opens (<see cref="PortalHosting.UsePortal"/>, which already answered the one "not found" page for a
/// link that opens nothing or an invoice or report that is not the visitor's). A page that still finds nothing answers 404.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Parameter]
    public string Token { get; set; } = "";

    [Inject]
    protected AppDb Db { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    protected PortalVisitor? Visitor => HttpContext?.Visitor();

    /// <summary>True once the page found nothing it may show: it then answers 404 and renders nothing.</summary>
    protected bool Missing { get; private set; }

    protected WallClock Wall { get; private set; } = WallClock.Brussels;

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>An address inside the visitor's portal.</summary>
    protected string Href(string rest = "") => $"/portal/{Token}{rest}";

    protected void NotFound()
    {
        Missing = true;
        if (HttpContext is not null)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>Finds the visitor and the company's clock; false (and 404) without a visitor.</summary>
    protected async Task<bool> OpenAsync()
    {
        if (Visitor is null)
        {
            NotFound();
            return false;
        }

        Wall = await Companies.CompanyClock.LoadAsync(Db, Aborted);
        return true;
    }

    protected static string Money(decimal amount) => amount.ToString("C2", CultureInfo.CurrentCulture);

    protected static string Date(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? "";

    protected string Local(DateTime utc) => Wall.DateAndTime(utc, CultureInfo.CurrentCulture);

    protected string Local(DateTimeOffset instant) => Wall.DateAndTime(instant, CultureInfo.CurrentCulture);

    protected static bool TryId(string? text, out Guid id) => Guid.TryParse(text, out id);
}
