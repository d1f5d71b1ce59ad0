using CityServices.Audit.Output;

namespace CityServices.Audit.Ledger;

/// <summary>The <c>--ledger</c> URL: the origin (or gateway) under which <c>/api/ledger/…</c> is served.</summary>
public static class LedgerAddress
{
    public static Uri Parse(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new AuditInputException($"--ledger: '{url}' is not an http(s) URL such as http://localhost:5000.");
        }

        // Relative routes resolve under the URL's path only when it ends with a slash.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
