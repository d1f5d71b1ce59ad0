using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens;

/// <summary>410: the citizen's personal data was erased; their record exists, but nobody can read it again.</summary>
public sealed class CitizenErasedException(Guid citizenId, DateTimeOffset erasedAt)
    : ProblemException(StatusCodes.Status410Gone, "Erased", $"The personal data of citizen {citizenId} was erased at {erasedAt:O}; it can no longer be read or changed.");
