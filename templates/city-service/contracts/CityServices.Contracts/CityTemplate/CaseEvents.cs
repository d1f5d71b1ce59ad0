namespace CityServices.Contracts.CityTemplate;

// What city-template announces to other services. Frozen once published: add members only; a
// breaking change is a new type with a new name.

/// <summary>Published by city-template when a case is opened. Consumed by: none yet.</summary>
public sealed record CaseOpened(Guid CaseId, DateTimeOffset OpenedAt);

/// <summary>Published by city-template when a case is closed, with its outcome. Consumed by: none yet.</summary>
public sealed record CaseClosed(Guid CaseId, string Outcome, DateTimeOffset ClosedAt);
