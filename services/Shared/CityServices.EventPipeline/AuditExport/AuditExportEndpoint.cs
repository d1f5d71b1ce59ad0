using System.Text;
using CityServices.EventPipeline.Catalog;
using CityServices.EventPipeline.Relay;
using CityServices.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.AuditExport;

/// <summary>
/// <c>GET /api/{service}/audit/events?after=&amp;limit=</c>: the service's stored events in sequence
/// order as NDJSON lines <c>{"record": leaf record, "data": event data as stored}</c>, from which
/// an auditor recomputes every leaf hash and compares the service with the ledger
/// (docs/leaf-record.md). Streamed row by row from PostgreSQL to the response.
/// </summary>
public static class AuditExportEndpoint
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 1_000_000;
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] RecordPrefix = Encoding.UTF8.GetBytes("{\"record\":");
    private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes(",\"data\":");
    private static readonly byte[] LineEnd = Encoding.UTF8.GetBytes("}\n");

    /// <summary>Maps the export of the service's own events, for auditors only (scope <c>audit</c>).</summary>
    public static RouteHandlerBuilder MapAuditExport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapAuditExport(app.Services.GetRequiredService<EventCatalog>()).RequireScope(CityScopes.Audit).WithTags("Audit");
    }

    /// <summary>Maps the export under the service's API prefix; the caller adds authorization (scope <c>audit</c>).</summary>
    public static RouteHandlerBuilder MapAuditExport(this IEndpointRouteBuilder app, EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return app.MapGet($"/api/{catalog.Service}/audit/events", (long? after, int? limit, StoredEventReader reader, HttpContext http) =>
            {
                var errors = Validate(after, limit);
                return errors.Count > 0
                    ? Results.ValidationProblem(errors)
                    : Results.Stream(body => WriteAsync(body, catalog.Service, reader, after ?? 0, limit ?? DefaultLimit, http.RequestAborted), ContentType);
            })
            .WithName("AuditExport")
            .WithSummary("The service's stored events as NDJSON leaf records with their data, in sequence order.")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesValidationProblem();
    }

    private static Dictionary<string, string[]> Validate(long? after, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (after < 0)
        {
            errors["after"] = ["after is a sequence number: 0 or more (0 starts at the first event)."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        return errors;
    }

    private static async Task WriteAsync(Stream body, string service, StoredEventReader reader, long after, int limit, CancellationToken ct)
    {
        await foreach (var stored in reader.StreamAfterAsync(after, limit, ct))
        {
            await body.WriteAsync(RecordPrefix, ct);
            await body.WriteAsync(stored.ToLeafRecord(service).ToLeafData(), ct);
            await body.WriteAsync(DataPrefix, ct);
            await body.WriteAsync(Encoding.UTF8.GetBytes(stored.Data), ct);
            await body.WriteAsync(LineEnd, ct);
        }
    }
}
