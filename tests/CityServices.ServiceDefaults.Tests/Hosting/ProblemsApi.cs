using System.ComponentModel.DataAnnotations;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.ServiceDefaults.Tests.Hosting;

/// <summary>Endpoints that fail in each of the ways a service can.</summary>
public static class ProblemsApi
{
    public const string SecretMessage = "Host=db.internal;Password=hunter2 could not be reached";

    // A service calls AddValidation in its own assembly: the validation generator only sees the
    // endpoints and types of the assembly the call is in.
    public static void Register(WebApplicationBuilder builder) => builder.Services.AddValidation();

    public static void Map(WebApplication app)
    {
        app.MapGet("/boom", string () => throw new InvalidOperationException(SecretMessage));
        app.MapGet("/patients/{id:int}", string (int id) => throw new NotFoundException($"Patient {id} does not exist."));
        app.MapPost("/bookings", string () => throw new ConflictException("The slot is already booked."));
        app.MapPut("/bookings/{id:int}", string (int id) => throw new PreconditionFailedException($"Booking {id} is at version 3, not 2."));
        app.MapPost("/items", (CreateItem item) => TypedResults.Created($"/items/{item.Name}", item));
        app.MapPost("/paints", (OrderPaint order) => TypedResults.Ok(order));
        app.MapGet("/search", (string? q) => TypedResults.Ok(q));
        app.MapGet("/refusals/bad-request", string () => throw new BadRequestException("If-Match must be one strong ETag."));
        app.MapGet("/refusals/forbidden", string () => throw new ForbiddenException("Not your record."));
        app.MapGet("/refusals/in-progress", string () => throw new RequestInProgressException("Still being processed."));
        app.MapGet("/refusals/key-reused", string () => throw new IdempotencyKeyReusedException("Used for another request."));
        app.MapGet("/refusals/unavailable", string () => throw new ServiceUnavailableException("The ledger is unreachable."));
        app.MapGet("/refusals/private", () => TypedResults.Ok()).RequireAuthorization();
        // A bare status with no body of its own, as a framework component (a rate limiter, a size limit) answers.
        app.MapGet("/refusals/status/{status:int}", (int status) => Results.StatusCode(status));
    }
}

public sealed record CreateItem([property: Required, StringLength(20)] string Name, [property: Range(1, 10)] int Quantity);

public enum Colour { Red, DeepBlue }

public sealed record OrderPaint(Colour Colour, string? Note);
