using Marten;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// The session a command writes through when its answer must commit with its events: opened on the
/// idempotency filter's transaction, which <see cref="CommandContext.Session"/> takes instead of the request's.
/// </summary>
internal sealed record CommandSession(IDocumentSession Session);
