namespace CityServices.Contracts.CityTemplate;

// What city-template announces to other services. Frozen once published: add members only; a
// breaking change is a new type with a new name.

/// <summary>Published by city-template when a ticket is opened. Consumed by: none yet.</summary>
public sealed record TicketOpened(Guid TicketId, DateTimeOffset OpenedAt);

/// <summary>Published by city-template when a ticket is closed, with its outcome. Consumed by: none yet.</summary>
public sealed record TicketClosed(Guid TicketId, string Outcome, DateTimeOffset ClosedAt);
