using JasperFx;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CityServices.EventPipeline.Consumers;

/// <summary>
/// A consumer whose effects happen exactly once however often a message arrives. It stages its
/// changes in <see cref="Session"/>; the base class adds the <see cref="ProcessedMessage"/> mark to
/// the same Marten transaction, so effects and mark commit together or not at all. A redelivered
/// message finds the mark and is acknowledged without effect; two copies handled at once race on
/// the mark's primary key and the loser rolls back whole.
/// A consumer's only effect is its session: what it must tell others it stores as events, which
/// the outbox relay publishes.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage>(IDocumentSession session, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
{
    protected IDocumentSession Session { get; } = session;

    /// <summary>The name under which this consumer's marks are kept; stable across renames of the class.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id and cannot be deduplicated.");
        var key = ProcessedMessage.KeyFor(ConsumerName, messageId);

        if (await Session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null)
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
            return;
        }

        await Handle(context);
        Session.Insert(new ProcessedMessage(key, DateTimeOffset.UtcNow));
        try
        {
            await Session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (IsDuplicateMark(e))
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId);
        }
    }

    /// <summary>Stages the message's effects in <see cref="Session"/>; do not save.</summary>
    protected abstract Task Handle(ConsumeContext<TMessage> context);

    private static bool IsDuplicateMark(Exception e) =>
        e is DocumentAlreadyExistsException || e.InnerException is not null && IsDuplicateMark(e.InnerException);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} {MessageId} was already handled; acknowledged without effect")]
    private static partial void LogDuplicate(ILogger logger, string messageType, Guid messageId);
}
