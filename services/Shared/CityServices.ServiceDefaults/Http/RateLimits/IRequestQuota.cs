using Microsoft.AspNetCore.Http;

namespace CityServices.ServiceDefaults;

/// <summary>
/// A fixed-window request quota: <see cref="Quota"/> requests per <see cref="Window"/> for each
/// partition (an address, a subject). A host registers its quotas with
/// <see cref="RequestQuotaExtensions.AddRequestQuota{TQuota}"/>; every answer to a request a quota
/// applies to names it in the <c>RateLimit-Policy</c> and <c>RateLimit</c> fields.
/// </summary>
public interface IRequestQuota
{
    /// <summary>The policy's name in the fields (<c>"per-client"</c>): a token, unique in the host.</summary>
    string Name { get; }

    /// <summary>Requests per window and partition.</summary>
    int Quota { get; }

    /// <summary>The window, a whole number of seconds (the fields speak in seconds).</summary>
    TimeSpan Window { get; }

    /// <summary>The partition the request spends; <see langword="null"/> when the quota does not apply to it.</summary>
    string? PartitionOf(HttpContext context);
}
