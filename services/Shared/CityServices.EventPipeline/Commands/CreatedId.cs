namespace CityServices.EventPipeline.Commands;

/// <summary>The id of what a command created, the body of its 201 (beside the <c>Location</c>).</summary>
public sealed record CreatedId(Guid Id);
