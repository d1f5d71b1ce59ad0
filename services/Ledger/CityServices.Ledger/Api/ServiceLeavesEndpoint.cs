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
    public static RouteGroupBuilder MapServiceLeaves(this RouteGroupBuilder api)
    {
        api.MapRead<IReadOnlyList<ServiceLeaf>>("/services/{service}/leaves", GetAsync, "ListServiceLeaves",
                "A service's leaves (event id, sequence, leaf index and hash) in log order, a page at a time.")
            .Documents("service", JsonSchemaType.String, "alias", "The service's alias, as in its leaf records (such as health-records).")
            .DocumentsPage("leaf index", "leaves")
            .WithDescription("An unknown but well-formed service alias is an empty list; a malformed one is a 400.")
            .ProducesValidationProblem();
        return api;
    }

    private static Task<IResult> GetAsync(
        string service, string? after, string? limit, LeafListings leaves, CancellationToken cancellationToken) =>
        LeafRecord.IsValidAlias(service)
            ? Paging.ListAsync(after, limit, "leaf index", (afterIndex, count) => leaves.ListOfServiceAsync(service, afterIndex, count, cancellationToken))
            : Task.FromResult(Parameters.Invalid(nameof(service),
                $"service must be a service alias of at most {LeafRecord.LongestAlias} characters: a lowercase letter, then runs of a-z and 0-9 joined by single '.', '_' or '-'."));
}
