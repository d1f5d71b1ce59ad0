using CityServices.Hashing;
using CityServices.Hashing.Merkle;
using CityServices.Ledger.Log.Storage;
using Npgsql;

namespace CityServices.Ledger.Proofs;

/// <summary>
/// The one step both proofs share: a plan's O(log n) stored nodes in one query, folded into the
/// proof's hashes as the public formats print them. Nothing is recomputed but the right-edge folds.
/// </summary>
internal static class StoredPaths
{
    public static async Task<List<string>> ReadAsync(NpgsqlConnection connection, ProofPlan plan, CancellationToken cancellationToken)
    {
        var nodes = await NodeReader.ReadAsync(connection, null, plan.Nodes, cancellationToken);
        return plan.Assemble(nodes.GetValueOrDefault).Select(hash => Hex.Encode(hash)).ToList();
    }
}
