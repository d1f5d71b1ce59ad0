using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Http;

/// <summary>403: the token is valid and has the scope, but does not speak for what it asks (another department, another citizen).</summary>
public sealed class ForbiddenException(string detail)
    : ProblemException(StatusCodes.Status403Forbidden, "Forbidden", detail);
