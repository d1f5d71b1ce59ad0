using CityServices.Hashing;
using CityServices.Ledger.Log;
using CityServices.Ledger.Proofs;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary>
/// <c>GET /api/ledger/services/{service}/leaves?after=&amp;limit=</c>: one service's leaves in log order,
/// so an auditor can find the events an export lacks. A well-formed alias the log never saw is an
/// empty list: the ledger cannot know every service.
/// </summary>
public static class ServiceLeavesEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapServiceLeaves(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{service}/leaves", GetAsync)
            .WithName("ListServiceLeaves")
            .Documents("service", JsonSchemaType.String, "alias", "The service's alias, as in its leaf records (such as health-records).")
            .Documents("after", JsonSchemaType.Integer, "int64", "The last leaf index already seen (exclusive); default: from the first.")
            .Documents("limit", JsonSchemaType.Integer, "int32", "How many leaves, 1 to 1000; default 100.")
            .WithSummary("A service's leaves (event id, sequence, leaf index and hash) in log order, a page at a time.")
            .WithDescription("An unknown but well-formed service alias is an empty list; a malformed one is a 400.")
            .Produces<IReadOnlyList<ServiceLeaf>>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(
        string service, string? after, string? limit, LeafListings leaves, CancellationToken cancellationToken)
    {
        if (!LeafRecord.IsValidAlias(service))
        {
            return Parameters.Invalid(nameof(service),
                $"service must be a service alias of at most {LeafRecord.LongestAlias} characters: a lowercase letter, then runs of a-z and 0-9 joined by single '.', '_' or '-'.");
        }

        if (Parameters.TryReadPage(after, limit, "the last leaf index already seen", DefaultLimit, MaxLimit, out var afterIndex, out var count) is { } invalid)
        {
            return invalid;
        }

        return Results.Ok(await leaves.ListOfServiceAsync(service, afterIndex, count, cancellationToken));
    }
}
