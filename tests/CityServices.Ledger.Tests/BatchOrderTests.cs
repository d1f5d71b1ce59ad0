using CityServices.Ledger.Log.Ingest;

namespace CityServices.Ledger.Tests;

/// <summary>
/// A batch is filled by concurrent deliveries, which can swap a relay's neighbouring messages; the log
/// must still hold each service's leaves in its sequence order, which auditors check.
/// </summary>
public sealed class BatchOrderTests
{
    [Fact]
    public void Each_service_s_leaves_take_its_places_in_the_batch_in_sequence_order()
    {
        // given a batch where trade #2 arrived before #1, and health-records #3 before #2
        LeafSubmission[] arrived = [Leaf("trade", 2), Leaf("health-records", 1), Leaf("trade", 1), Leaf("health-records", 3), Leaf("health-records", 2), Leaf("trade", 3)];

        // when
        var logged = BatchScreening.InSequenceOrder(arrived, leaf => leaf);

        // then each service is in sequence order, and the services interleave as they arrived
        Assert.Equal(
            [("trade", 1L), ("health-records", 1L), ("trade", 2L), ("health-records", 2L), ("health-records", 3L), ("trade", 3L)],
            logged.Select(leaf => (leaf.Service, leaf.Sequence)));
    }

    [Fact]
    public void A_batch_already_in_order_is_unchanged()
    {
        LeafSubmission[] arrived = [Leaf("trade", 1), Leaf("voting", 7), Leaf("trade", 2)];

        Assert.Equal(arrived, BatchScreening.InSequenceOrder(arrived, leaf => leaf));
    }

    private static LeafSubmission Leaf(string service, long sequence) => new(Guid.NewGuid(), service, sequence, new byte[32]);
}
