using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Request quotas with the IETF RateLimit fields on every answer they apply to. ASP.NET Core's
/// rate limiter shows its lease only to a rejection, so it cannot tell a client that passes what is
/// left: hence this small fixed-window limiter of our own.
/// </summary>
public static class RequestQuotaExtensions
{
    /// <summary>Registers a quota; every registered quota is asked about every request.</summary>
    public static IServiceCollection AddRequestQuota<TQuota>(this IServiceCollection services)
        where TQuota : class, IRequestQuota
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<QuotaCounters>();
        services.AddSingleton<IRequestQuota, TQuota>();
        return services;
    }

    /// <summary>
    /// Spends a request of every quota that applies, writes the RateLimit fields, and answers a 429
    /// problem with <c>Retry-After</c> (the seconds until the last refusing window ends) when any
    /// quota is used up. Refused requests count, so retrying early only lengthens the wait.
    /// </summary>
    public static IApplicationBuilder UseRequestQuotas(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var quotas = app.ApplicationServices.GetServices<IRequestQuota>().ToArray();
        var counters = app.ApplicationServices.GetRequiredService<QuotaCounters>();
        return app.Use(async (context, next) =>
        {
            var outcomes = new List<QuotaOutcome>(quotas.Length);
            foreach (var quota in quotas)
            {
                if (quota.PartitionOf(context) is { } partition)
                {
                    outcomes.Add(counters.Spend(quota, partition));
                }
            }

            if (outcomes.Count > 0)
            {
                // Added as the answer starts, after a proxied service's own fields were copied in:
                // the client then sees every limit on its way, the gateway's and the service's.
                var policy = RateLimitFields.PolicyOf(outcomes);
                var current = RateLimitFields.CurrentOf(outcomes);
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Append(RateLimitFields.Policy, policy);
                    context.Response.Headers.Append(RateLimitFields.Current, current);
                    return Task.CompletedTask;
                });
            }

            var refused = outcomes.Where(outcome => !outcome.Allowed).ToList();
            if (refused.Count == 0)
            {
                await next(context);
                return;
            }

            await RefuseAsync(context, refused);
        });
    }

    private static async Task RefuseAsync(HttpContext context, IReadOnlyList<QuotaOutcome> refused)
    {
        var seconds = refused.Max(outcome => outcome.ResetSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limits = string.Join(", ", refused.Select(outcome =>
            string.Create(CultureInfo.InvariantCulture, $"{outcome.Quota.Name}: {outcome.Quota.Quota} per {outcome.Quota.Window}")));
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The request limit is used up ({limits}); retry after {seconds} s.",
            },
        });
    }
}
