using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Werkbon.Core.Sync;
using Werkbon.Field.Local;

namespace Werkbon.Field.Sync;

public enum CallOutcome
{
    Ok,

    /// <summary>No answer at all: no network, the server unreachable, a timeout. Try again later.</summary>
    Offline,

    /// <summary>The server answered but could not handle it now (5xx, 408, 429). Try again later.</summary>
    Transient,

    /// <summary>The tokens are no longer accepted: the technician must sign in again.</summary>
    Unauthorized,

    /// <summary>The server refused this request for good (4xx); sending it again changes nothing.</summary>
    Rejected,
}

public sealed record ApiResult<T>(CallOutcome Outcome, T? Value = default, int Status = 0, string? Message = null)
{
    public bool IsOk => Outcome == CallOutcome.Ok;
}

/// <summary>The server's token and sync endpoints, with the bearer token kept fresh.</summary>
public sealed class FieldApi(HttpClient http, Session session, TimeProvider clock)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);
    private Task<bool>? refreshing;

    /// <summary>Signs in with e-mail and password; answers the tokens and who the technician is.</summary>
    public async Task<ApiResult<StoredSession>> SignInAsync(string email, string password, CancellationToken ct)
    {
        var token = await CallAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "login") { Content = JsonContent.Create(new LoginRequest(email, password), FieldJson.Default.LoginRequest) },
            null,
            FieldJson.Default.TokenResponse,
            ct);
        if (!token.IsOk)
        {
            return new(token.Outcome, null, token.Status, token.Message);
        }

        var me = await CallAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/sync/me"), token.Value!.AccessToken, FieldJson.Default.FieldIdentity, ct);
        return me.IsOk
            ? new(CallOutcome.Ok, new StoredSession(me.Value!, token.Value.AccessToken, token.Value.RefreshToken, Expiry(token.Value)))
            : new(me.Outcome, null, me.Status, me.Message);
    }

    /// <summary>Ends this device's session on the server, when it can be reached; signing out never waits for it.</summary>
    public async Task SignOutAsync(CancellationToken ct)
    {
        if (session.Current is { NeedsSignIn: false } current)
        {
            await CallAsync<Problem>(() => new HttpRequestMessage(HttpMethod.Post, "logout"), current.AccessToken, null, ct);
        }
    }

    public Task<ApiResult<PullResponse>> PullAsync(string? since, CancellationToken ct) =>
        AuthorizedAsync(
            () => new HttpRequestMessage(HttpMethod.Get, since is null
                ? $"api/sync/changes?protocol={SyncProtocol.Version}"
                : $"api/sync/changes?protocol={SyncProtocol.Version}&since={Uri.EscapeDataString(since)}"),
            FieldJson.Default.PullResponse,
            ct);

    /// <summary>Sends the signed report exactly as it was frozen (the stored JSON text, byte for byte).</summary>
    public Task<ApiResult<PushResult>> PushReportAsync(Guid reportId, string body, CancellationToken ct) =>
        AuthorizedAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"api/sync/reports/{reportId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            FieldJson.Default.PushResult,
            ct);

    public async Task<ApiResult<bool>> UploadFileAsync(string sha256, byte[] bytes, string contentType, CancellationToken ct)
    {
        var result = await AuthorizedAsync<Problem>(
            () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new HttpRequestMessage(HttpMethod.Put, $"api/sync/files/{sha256}") { Content = content };
            },
            null,
            ct);
        return new(result.Outcome, result.IsOk, result.Status, result.Message);
    }

    private async Task<ApiResult<T>> AuthorizedAsync<T>(Func<HttpRequestMessage> request, JsonTypeInfo<T>? type, CancellationToken ct)
    {
        if (session.Current is not { NeedsSignIn: false } current)
        {
            return new(CallOutcome.Unauthorized);
        }

        if (current.ExpiresAt - RefreshAhead <= clock.GetUtcNow() && !await RefreshAsync(ct))
        {
            return new(session.Current is { NeedsSignIn: false } ? CallOutcome.Offline : CallOutcome.Unauthorized);
        }

        var result = await CallAsync(request, session.Current!.AccessToken, type, ct);
        if (result.Outcome != CallOutcome.Unauthorized)
        {
            return result;
        }

        // The access token may have been revoked before its time: one refresh, one retry.
        return await RefreshAsync(ct)
            ? await CallAsync(request, session.Current!.AccessToken, type, ct)
            : new(session.Current is { NeedsSignIn: false } ? CallOutcome.Offline : CallOutcome.Unauthorized);
    }

    /// <summary>True with fresh tokens saved; false offline or, with the session marked, when the refresh token is refused.</summary>
    private Task<bool> RefreshAsync(CancellationToken ct)
    {
        if (refreshing is null || refreshing.IsCompleted)
        {
            refreshing = RefreshOnceAsync(ct);
        }

        return refreshing;
    }

    private async Task<bool> RefreshOnceAsync(CancellationToken ct)
    {
        // A refresh token works once. Another window of the app may have used it already and saved the next one.
        var known = session.Current!;
        await session.LoadAsync();
        if (session.Current is not { NeedsSignIn: false } current)
        {
            return false;
        }

        if (current.RefreshToken != known.RefreshToken && current.ExpiresAt - RefreshAhead > clock.GetUtcNow())
        {
            return true;
        }

        var token = await CallAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "refresh") { Content = JsonContent.Create(new RefreshRequest(current.RefreshToken), FieldJson.Default.RefreshRequest) },
            null,
            FieldJson.Default.TokenResponse,
            ct);
        if (token.IsOk)
        {
            await session.SaveAsync(current with { AccessToken = token.Value!.AccessToken, RefreshToken = token.Value.RefreshToken, ExpiresAt = Expiry(token.Value) });
            return true;
        }

        if (token.Outcome is CallOutcome.Unauthorized or CallOutcome.Rejected)
        {
            await session.MarkNeedsSignInAsync();
        }

        return false;
    }

    private DateTimeOffset Expiry(TokenResponse token) => clock.GetUtcNow().AddSeconds(token.ExpiresIn);

    private async Task<ApiResult<T>> CallAsync<T>(Func<HttpRequestMessage> make, string? accessToken, JsonTypeInfo<T>? type, CancellationToken ct)
    {
        using var request = make();
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return new(CallOutcome.Offline);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(CallOutcome.Offline);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var value = type is null ? default : await response.Content.ReadFromJsonAsync(type, ct);
                    return new(CallOutcome.Ok, value, status);
                }
                catch (Exception e) when (e is JsonException or HttpRequestException)
                {
                    return new(CallOutcome.Transient, default, status, "The answer was cut off.");
                }
            }

            var problem = await ReadProblemAsync(response, ct);
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => CallOutcome.Unauthorized,
                HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => CallOutcome.Transient,
                >= HttpStatusCode.InternalServerError => CallOutcome.Transient,
                _ => CallOutcome.Rejected,
            };
            return new(outcome, default, status, problem);
        }
    }

    private static async Task<string?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var problem = JsonSerializer.Deserialize(text, FieldJson.Default.Problem);
            var fields = (problem?.Errors ?? []).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}");
            return string.Join(" ", new[] { problem?.Title, problem?.Detail }.Concat(fields).Where(s => !string.IsNullOrWhiteSpace(s)));
        }
        catch (Exception e) when (e is JsonException or HttpRequestException)
        {
            return null;
        }
    }
}
