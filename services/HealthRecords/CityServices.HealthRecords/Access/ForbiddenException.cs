using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Access;

/// <summary>403: the caller is known, but may not do this to this record.</summary>
public sealed class ForbiddenException(string detail)
    : ProblemException(StatusCodes.Status403Forbidden, "Forbidden", detail);
