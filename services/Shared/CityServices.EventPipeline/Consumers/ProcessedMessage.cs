namespace CityServices.EventPipeline.Consumers;

/// <summary>
/// The mark an idempotent consumer leaves in its own database, in the same transaction as its
/// effects: <c>{consumer}/{message id}</c>. Its presence means the message was fully handled.
/// </summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset ProcessedAt)
{
    public static string KeyFor(string consumer, Guid messageId) => $"{consumer}/{messageId:D}";
}
