using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Werkbon.Server.Tests.Delivery;

/// <summary>
/// A Recommand access point on loopback (Kestrel), playing the parts of its API Werkbon uses: send, document status and
/// participant verification, with Basic authentication. Each send takes the next answer of <see cref="Plan"/> (accept
/// when it is empty); every request body is recorded.
/// </summary>
public sealed class FakeAccessPoint : IAsyncDisposable
{
    public enum Answer
    {
        Accept,

        /// <summary>400 with <see cref="RejectReason"/> in Recommand's error shape.</summary>
        Reject,

        /// <summary>Accepts after <see cref="SlowDelay"/>, still within the client's timeout.</summary>
        Slow,

        ServerError,

        Throttle,

        /// <summary>Never answers: the client's timeout has to end the call.</summary>
        Hang,
    }

    public sealed record Sent(string Path, string? Authorization, string Recipient, string DocumentType, byte[] Document);

    private readonly WebApplication _app;
    private int _documents;

    public const string CompanyId = "c_fake_0001";
    public const string ApiKey = "key_01FAKEKEY";
    public const string Secret = "secret_7f3c9a2e-fake-only-here";
    public const string RejectReason = "Recipient 0208:0403170701 does not accept this document type";

    public ConcurrentQueue<Answer> Plan { get; } = new();

    public ConcurrentQueue<Sent> Received { get; } = new();

    /// <summary>Document id → "sent", "delivered" or "invalid: reason".</summary>
    public ConcurrentDictionary<string, string> Documents { get; } = new();

    /// <summary>Participant → (invoices, credit notes) it can receive; anyone else is not registered.</summary>
    public ConcurrentDictionary<string, (bool Invoices, bool CreditNotes)> Registered { get; } = new();

    public bool LookupFails { get; set; }

    public int Lookups => _lookups;

    private int _lookups;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public string BaseUrl { get; private set; } = "";

    private FakeAccessPoint(WebApplication app) => _app = app;

    public static async Task<FakeAccessPoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAccessPoint(app);
        app.MapPost("/api/v1/{companyId}/send", fake.SendAsync);
        app.MapGet("/api/v1/documents/{id}", fake.Document);
        app.MapPost("/api/v1/verify", (Delegate)((HttpContext http) => fake.VerifyAsync(http, null)));
        app.MapPost("/api/v1/verify-document-support", (Delegate)((HttpContext http) => fake.VerifyAsync(http, "documentType")));
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public void Deliver(string id) => Documents[id] = "delivered";

    public void Refuse(string id, string reason) => Documents[id] = "invalid: " + reason;

    private static bool Authorized(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKey}:{Secret}"));

    private async Task<IResult> SendAsync(string companyId, HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        Received.Enqueue(new Sent(
            http.Request.Path, http.Request.Headers.Authorization.ToString(),
            root.GetProperty("recipient").GetString()!, root.GetProperty("documentType").GetString()!,
            Encoding.UTF8.GetBytes(root.GetProperty("document").GetString()!)));
        if (!Authorized(http) || companyId != CompanyId)
        {
            return Results.Json(new { success = false, errors = new { root = new[] { "Unauthorized" } } }, statusCode: 401);
        }

        var answer = Plan.TryDequeue(out var planned) ? planned : Answer.Accept;
        switch (answer)
        {
            case Answer.Reject:
                return Results.Json(new { success = false, errors = new { recipient = new[] { RejectReason } } }, statusCode: 400);
            case Answer.ServerError:
                return Results.Text("upstream unavailable", statusCode: 503);
            case Answer.Throttle:
                return Results.Json(new { success = false, errors = new { root = new[] { "Too many requests" } } }, statusCode: 429);
            case Answer.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
                return Results.StatusCode(504);
            case Answer.Slow:
                await Task.Delay(SlowDelay, http.RequestAborted);
                break;
        }

        var id = $"doc_{Interlocked.Increment(ref _documents):D4}";
        Documents[id] = "sent";
        return Results.Json(new { success = true, sentOverPeppol = true, sentOverEmail = false, teamId = "team_fake", companyId, id, peppolMessageId = Guid.NewGuid().ToString() });
    }

    private IResult Document(string id, HttpContext http)
    {
        if (!Authorized(http))
        {
            return Results.Json(new { success = false, errors = new { root = new[] { "Unauthorized" } } }, statusCode: 401);
        }

        if (!Documents.TryGetValue(id, out var state))
        {
            return Results.Json(new { success = false, errors = new { documentId = new[] { "Not found" } } }, statusCode: 404);
        }

        var invalid = state.StartsWith("invalid: ", StringComparison.Ordinal);
        return Results.Json(new
        {
            success = true,
            document = new
            {
                id,
                direction = "outgoing",
                type = "invoice",
                sentOverPeppol = true,
                receivedPeppolSignalMessage = state == "delivered" ? "<eb:SignalMessage><eb:Receipt/></eb:SignalMessage>" : null,
                validation = new
                {
                    result = invalid ? "invalid" : "valid",
                    errors = invalid ? new[] { new { ruleCode = "BR-FAKE", errorMessage = state["invalid: ".Length..], errorLevel = "error", fieldName = "" } } : [],
                },
            },
        });
    }

    private async Task<IResult> VerifyAsync(HttpContext http, string? typeField)
    {
        Interlocked.Increment(ref _lookups);
        if (LookupFails)
        {
            return Results.Text("lookup backend down", statusCode: 502);
        }

        if (!Authorized(http))
        {
            return Results.Json(new { success = false, errors = new { root = new[] { "Unauthorized" } } }, statusCode: 401);
        }

        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var participant = body.RootElement.GetProperty("peppolAddress").GetString()!;
        var known = Registered.TryGetValue(participant, out var types);
        var valid = typeField is null
            ? known
            : known && (body.RootElement.GetProperty(typeField).GetString() == "invoice" ? types.Invoices : types.CreditNotes);
        return Results.Json(new { success = true, isValid = valid, smpUrl = known ? "http://smp.fake.invalid" : null });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
