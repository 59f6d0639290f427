using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Werkbon.Server.Delivery;

/// <summary>The credentials of one company's account at Recommand, the secret already unprotected.</summary>
public sealed record RecommandAccount(Guid CompanyId, string BaseUrl, string AccountId, string ApiKey, string Secret);

/// <summary>
/// The Recommand Peppol access point (recommand.eu, a Belgian certified Peppol service provider), through its REST API
/// as documented at https://docs.recommand.eu (API reference) and https://recommand.eu/docs (guides):
/// <list type="bullet">
/// <item>Basic authentication with the API key as user name and the API secret as password.</item>
/// <item><c>POST {base}/api/v1/{companyId}/send</c> with <c>{ recipient, documentType: "xml", document }</c>: the document is
/// the UBL as issued, sent as a JSON string (UTF-8, so the access point receives the same bytes). It answers
/// <c>{ success: true, id, peppolMessageId, … }</c>, or <c>{ success: false, errors: { field: [messages] } }</c>.</item>
/// <item><c>GET {base}/api/v1/documents/{id}</c>: the transmitted document. Assumption (the reference lists the fields but
/// not their meaning for delivery): a non-empty <c>receivedPeppolSignalMessage</c> is the AS4 receipt of the buyer's
/// access point, so the document is delivered; a <c>validation.result</c> of <c>invalid</c> means it was refused, its
/// <c>errors</c> giving the reason; otherwise it is still on its way.</item>
/// <item><c>POST {base}/api/v1/verify</c> with <c>{ peppolAddress }</c> answering <c>{ success, isValid }</c> (the participant
/// is registered) and, assumed by analogy with it, <c>POST {base}/api/v1/verify-document-support</c> with
/// <c>{ peppolAddress, documentType }</c> (<c>invoice</c> or <c>creditNote</c>) answering <c>{ success, isValid }</c>.</item>
/// </list>
/// Never throws for a network failure, a timeout, a 5xx or a 429: those answer <see cref="TransportReceipt.Retry"/>.
/// Any other 4xx is a refusal for good, with the access point's reason.
/// </summary>
public sealed class RecommandAccessPoint(HttpClient http, RecommandAccount account, PeppolLookupCache cache, ILogger<RecommandAccessPoint> log)
    : IInvoiceTransport, IPeppolDirectory
{
    private const int MaxReason = 2000;

    public async Task<TransportReceipt> SendAsync(PeppolDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var body = new Dictionary<string, string>
        {
            ["recipient"] = document.ReceiverId,
            ["documentType"] = "xml",
            ["document"] = new UTF8Encoding(false, true).GetString(document.Ubl),
        };
        var (status, json, failure) = await CallAsync(HttpMethod.Post, $"api/v1/{Uri.EscapeDataString(account.AccountId)}/send", body, ct);
        if (failure is not null)
        {
            log.LogWarning("Peppol send of {InvoiceId} failed for now: {Reason}", document.InvoiceId, failure);
            return TransportReceipt.Failed(failure);
        }

        if (IsPassing(status))
        {
            return TransportReceipt.Failed(Reason(status, json));
        }

        if ((int)status is >= 200 and < 300 && json is { } ok && Bool(ok, "success") != false && Text(ok, "id") is { Length: > 0 } id)
        {
            log.LogInformation("Peppol send of {InvoiceId} accepted as {TransmissionId}", document.InvoiceId, id);
            return new TransportReceipt(DeliveryState.Sent, id, null, Retry: false);
        }

        if ((int)status is >= 200 and < 300)
        {
            // A success code without a document id: we cannot tell whether it left, so ask again later.
            return json is { } refused && Bool(refused, "success") == false
                ? new TransportReceipt(DeliveryState.Rejected, null, Reason(status, json), Retry: false)
                : TransportReceipt.Failed($"HTTP {(int)status}: the access point's answer has no document id.");
        }

        log.LogWarning("Peppol send of {InvoiceId} refused with HTTP {Status}", document.InvoiceId, (int)status);
        return new TransportReceipt(DeliveryState.Rejected, null, Reason(status, json), Retry: false);
    }

    public async Task<TransportReceipt> StatusAsync(string transmissionId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(transmissionId);
        var (status, json, failure) = await CallAsync(HttpMethod.Get, $"api/v1/documents/{Uri.EscapeDataString(transmissionId)}", null, ct);
        if (failure is not null || (int)status is not (>= 200 and < 300) || json is not { } root
            || !root.TryGetProperty("document", out var document) || document.ValueKind != JsonValueKind.Object)
        {
            // Handed over already: whatever went wrong asking, it stays sent and is asked again later.
            return new TransportReceipt(DeliveryState.Sent, transmissionId, failure ?? Reason(status, json), Retry: true);
        }

        if (document.TryGetProperty("validation", out var validation) && validation.ValueKind == JsonValueKind.Object
            && string.Equals(Text(validation, "result"), "invalid", StringComparison.OrdinalIgnoreCase))
        {
            var errors = validation.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? Join(Text(e, "ruleCode"), Text(e, "errorMessage")) : e.ToString())
                : [];
            return new TransportReceipt(DeliveryState.Rejected, transmissionId, Clip(string.Join("; ", errors.Where(e => e.Length > 0)) is { Length: > 0 } r ? r : "Refused by the access point."), Retry: false);
        }

        return Text(document, "receivedPeppolSignalMessage") is { Length: > 0 }
            ? new TransportReceipt(DeliveryState.Delivered, transmissionId, null, Retry: false)
            : new TransportReceipt(DeliveryState.Sent, transmissionId, null, Retry: false);
    }

    public async Task<PeppolCapabilities?> LookupAsync(string participantId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        if (cache.Find(account.CompanyId, participantId) is { } known)
        {
            return known;
        }

        var registered = await VerifyAsync("api/v1/verify", new() { ["peppolAddress"] = participantId }, ct);
        if (registered is null)
        {
            return null;
        }

        var capabilities = new PeppolCapabilities(false, false, false);
        if (registered == true)
        {
            var invoices = await VerifyAsync("api/v1/verify-document-support", new() { ["peppolAddress"] = participantId, ["documentType"] = "invoice" }, ct);
            var creditNotes = await VerifyAsync("api/v1/verify-document-support", new() { ["peppolAddress"] = participantId, ["documentType"] = "creditNote" }, ct);
            if (invoices is null || creditNotes is null)
            {
                return null;
            }

            capabilities = new PeppolCapabilities(true, invoices.Value, creditNotes.Value);
        }

        cache.Keep(account.CompanyId, participantId, capabilities);
        return capabilities;
    }

    private async Task<bool?> VerifyAsync(string path, Dictionary<string, string> body, CancellationToken ct)
    {
        var (status, json, failure) = await CallAsync(HttpMethod.Post, path, body, ct);
        if (failure is not null || (int)status is not (>= 200 and < 300) || json is not { } root || Bool(root, "isValid") is not { } valid)
        {
            log.LogWarning("Peppol lookup at the access point failed: {Reason}", failure ?? $"HTTP {(int)status}");
            return null;
        }

        return valid;
    }

    private async Task<(HttpStatusCode Status, JsonElement? Json, string? Failure)> CallAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(account.BaseUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiKey}:{account.Secret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                json = null;
            }

            return (response.StatusCode, json, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, null, "The access point did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            return (0, null, Clip($"The access point could not be reached: {e.Message}"));
        }
    }

    /// <summary>Timeouts, throttling and server errors pass: the same request may succeed later.</summary>
    private static bool IsPassing(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Reason(HttpStatusCode status, JsonElement? json)
    {
        var parts = new List<string>();
        if (json is { ValueKind: JsonValueKind.Object } root)
        {
            if (root.TryGetProperty("errors", out var errors))
            {
                if (errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errors.EnumerateObject())
                    {
                        var messages = field.Value.ValueKind == JsonValueKind.Array
                            ? string.Join(", ", field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.ToString()))
                            : field.Value.ToString();
                        parts.Add(field.Name is "root" or "" ? messages : $"{field.Name}: {messages}");
                    }
                }
                else if (errors.ValueKind == JsonValueKind.Array)
                {
                    parts.AddRange(errors.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : m.ToString()));
                }
            }

            foreach (var name in new[] { "message", "error" })
            {
                if (Text(root, name) is { Length: > 0 } message)
                {
                    parts.Add(message);
                }
            }
        }

        var reason = string.Join("; ", parts.Where(p => p.Length > 0));
        return Clip(reason.Length > 0 ? $"HTTP {(int)status}: {reason}" : $"HTTP {(int)status}");
    }

    private static string Join(string? code, string? message) =>
        string.Join(" ", new[] { code, message }.Where(s => !string.IsNullOrEmpty(s)));

    private static string Clip(string text) => text.Length <= MaxReason ? text : text[..MaxReason];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
