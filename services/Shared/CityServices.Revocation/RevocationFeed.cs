using CityServices.Contracts.Identity;
using MassTransit;

namespace CityServices.Revocation;

/// <summary>
/// Keeps <see cref="RevokedCredentials"/> up to date from identity's events. Every process has its
/// own temporary queue (<see cref="RevocationRegistration.AddRevocationFeed"/>), so each replica
/// sees every event, and nothing piles up for a process that is gone.
/// </summary>
public sealed class RevocationFeed(RevokedCredentials revoked) :
    IConsumer<CitizenCardSuspended>,
    IConsumer<CitizenCardRevoked>,
    IConsumer<CitizenCardReinstated>,
    IConsumer<StaffRoleWithdrawn>
{
    public Task Consume(ConsumeContext<CitizenCardSuspended> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        revoked.CardStopped(context.Message.CardId, context.Message.SuspendedAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CitizenCardRevoked> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        revoked.CardStopped(context.Message.CardId, context.Message.RevokedAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CitizenCardReinstated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        revoked.CardReinstated(context.Message.CardId, context.Message.ReinstatedAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<StaffRoleWithdrawn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var withdrawn = context.Message;
        revoked.RoleWithdrawn(withdrawn.CitizenId, withdrawn.Department, withdrawn.Role, withdrawn.WithdrawnAt);
        return Task.CompletedTask;
    }
}
