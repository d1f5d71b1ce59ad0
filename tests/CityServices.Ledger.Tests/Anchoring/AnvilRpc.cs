namespace CityServices.Ledger.Tests.Anchoring;

/// <summary>The anvil_/evm_ JSON-RPC methods Nethereum has no typed API for.</summary>
internal static class AnvilRpc
{
    /// <summary>One call; returns its result, or throws with the node's error.</summary>
    public static async Task<JsonElement> CallAsync(Uri rpcUrl, string method, params object[] parameters)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(rpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (body.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return body.RootElement.GetProperty("result").Clone();
    }
}
