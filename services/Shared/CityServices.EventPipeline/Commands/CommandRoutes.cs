using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CityServices.EventPipeline.Commands;

/// <summary>
/// Declares every answer a command route can give, so the OpenAPI document matches the code:
/// 400 (body or <c>If-Match</c>), 401, 403 (scope or role), 409 (a business refusal or a
/// concurrent writer), and for a command on an existing stream 404 (no such stream) and 412 (a
/// stale <c>If-Match</c>). The route itself stays a plain <c>MapPost</c>/<c>MapDelete</c> with a
/// lambda, which the request-validation source generator needs to see; its handler takes a
/// <see cref="CommandContext"/> and returns <c>Results.NoContent()</c> or <see cref="CommandContext.Created{TBody}"/>.
/// Every command route is counted in the service's <c>city.commands</c> metric by its name. Every
/// 201 route takes an <c>Idempotency-Key</c> (<see cref="IdempotentCommandFilter"/>) and declares its 422.
/// </summary>
public static class CommandRoutes
{
    /// <summary>A command on an existing stream that answers 204 No Content.</summary>
    public static RouteHandlerBuilder ProducesCommand(this RouteHandlerBuilder route) =>
        route.Produces(StatusCodes.Status204NoContent).ProducesCommandProblems(onExistingStream: true);

    /// <summary>A command on an existing stream that creates something inside it: 201 with <typeparamref name="TCreated"/>.</summary>
    public static RouteHandlerBuilder ProducesCommand<TCreated>(this RouteHandlerBuilder route) =>
        route.Produces<TCreated>(StatusCodes.Status201Created).ProducesCommandProblems(onExistingStream: true).Idempotent();

    /// <summary>A command that starts a new stream: 201 with <typeparamref name="TCreated"/>, 409 when it exists.</summary>
    public static RouteHandlerBuilder ProducesCreate<TCreated>(this RouteHandlerBuilder route) =>
        route.Produces<TCreated>(StatusCodes.Status201Created).ProducesCommandProblems(onExistingStream: false).Idempotent();

    /// <summary>Takes an optional <c>Idempotency-Key</c>: a retry gets the first answer again, another request under the key a 422.</summary>
    private static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder route) =>
        route.WithMetadata(IdempotentCommandMetadata.Instance)
            .AddEndpointFilter<IdempotentCommandFilter>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder route, bool onExistingStream)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.CountedAsCommand()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return onExistingStream
            ? route.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            : route;
    }
}
