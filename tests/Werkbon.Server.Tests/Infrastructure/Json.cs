using System.Net.Http.Json;
using System.Text.Json;

namespace Werkbon.Server.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
        return (response, response.Content.Headers.ContentLength == 0 ? default : await response.ReadJsonAsync());
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PutJsonAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, TestContext.Current.CancellationToken);
        return (response, response.Content.Headers.ContentLength == 0 ? default : await response.ReadJsonAsync());
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.ReadJsonAsync();
    }
}
