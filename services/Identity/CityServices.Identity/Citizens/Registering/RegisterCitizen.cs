using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;
using JasperFx;
using Marten;
using Npgsql;

namespace CityServices.Identity.Citizens.Registering;

public sealed record RegisterCitizen(
    [Required, NationalId] string NationalId,
    [Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    [Required, PastDate] DateOnly? BirthDate,
    [Required, District] string District);

public static class RegisterCitizenEndpoint
{
    /// <summary>The person as the registry keeps them: the national id normalised, names trimmed.</summary>
    public static PersonalDetails DetailsOf(RegisterCitizen command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(NationalId.Normalise(command.NationalId), command.GivenName.Trim(), command.FamilyName.Trim(), command.BirthDate!.Value);
    }

    public static CitizenRegistered Decide(Guid citizenId, RegisterCitizen command, string sealedDetails, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(citizenId, sealedDetails, command.District, actor, now);
    }

    public static RouteHandlerBuilder MapRegisterCitizen(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/", async (RegisterCitizen command, DataKeyStore keys, NationalIdIndex index, IQuerySession registry, CommandContext context) =>
            {
                var id = Guid.CreateVersion7();
                var details = DetailsOf(command);
                var claim = index.Of(details.NationalId);
                // The citizen's key, their uniqueness claim and their first event commit together.
                var key = keys.CreateKey(context.Session, id, context.Now);
                var registered = Decide(id, command, details.Seal(key, id), context.Actor, context.Now);
                context.Session.Insert(new NationalIdClaim(claim, id));
                try
                {
                    await context.Start<Citizen, CitizenRegistered>(id, [registered]);
                }
                catch (Exception e) when (IsUniqueViolation(e))
                {
                    throw await AlreadyRegisteredAsync(registry, claim, context);
                }

                return context.Created($"citizens/{id}", new CreatedId(id));
            })
            .ProducesCreate<CreatedId>()
            .WithName("RegisterCitizen")
            .WithSummary("Enters a person in the civil registry; the national id must be new to the registry.");

    /// <summary>
    /// The 409 of a repeated registration, naming the citizen already registered (<c>existingCitizenId</c>,
    /// <c>existingCitizen</c>: the path of their record). It tells the caller no more than they could
    /// read: the route and <c>GET /citizens/{id}</c> need the same scope, and the caller sent the national id.
    /// Read through a session of its own: the failed insert ended the command's transaction.
    /// </summary>
    private static async Task<ConflictException> AlreadyRegisteredAsync(IQuerySession registry, string claim, CommandContext context)
    {
        var conflict = new ConflictException("A citizen with this national id is already registered.");
        if (await registry.LoadAsync<NationalIdClaim>(claim, context.Cancellation) is { CitizenId: { } existing })
        {
            conflict.Extensions["existingCitizenId"] = existing;
            conflict.Extensions["existingCitizen"] = context.Service.PathTo($"citizens/{existing}");
        }

        return conflict;
    }

    private static bool IsUniqueViolation(Exception e) =>
        e is DocumentAlreadyExistsException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || e.InnerException is not null && IsUniqueViolation(e.InnerException);
}
