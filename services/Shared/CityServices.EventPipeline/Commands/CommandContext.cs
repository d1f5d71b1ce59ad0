using System.Security.Claims;
using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CityServices.EventPipeline.Commands;

/// <summary>
/// What every command handler needs besides its body, bound from the request in one parameter:
/// the expected version (<c>If-Match</c>), the acting subject (<see cref="CityClaims.Actor"/>), the
/// time (<see cref="TimeProvider"/>, read once per request), the session and the service. Its
/// <see cref="Decide{TAggregate,TEvent}"/> and <see cref="Start{TAggregate,TEvent}"/> run
/// load → decide → append and set the <c>ETag</c>; the handler only says what to decide.
/// </summary>
public sealed class CommandContext
{
    private IDocumentSession? _session;

    private CommandContext(HttpContext http)
    {
        Http = http;
        var services = http.RequestServices;
        Service = services.GetRequiredService<CityService>();
        Now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        ExpectedVersion = http.Request.ExpectedVersion();
    }

    public HttpContext Http { get; }

    /// <summary>
    /// The session the command writes through: the request's, or, under an <c>Idempotency-Key</c>, the
    /// one on the transaction that also stores the answer. Resolved when first used, because the
    /// context is bound before the idempotency filter runs.
    /// </summary>
    public IDocumentSession Session => _session ??=
        Http.Features.Get<CommandSession>()?.Session ?? Http.RequestServices.GetRequiredService<IDocumentSession>();

    public CityService Service { get; }

    public ClaimsPrincipal User => Http.User;

    /// <summary>Who acts: the token's subject, as events record it.</summary>
    public string Actor => User.Actor();

    public DateTimeOffset Now { get; }

    /// <summary>The stream version <c>If-Match</c> names; null without a precondition.</summary>
    public long? ExpectedVersion { get; }

    public CancellationToken Cancellation => Http.RequestAborted;

    /// <summary>Minimal APIs bind the context from the request (a 400 when <c>If-Match</c> is malformed).</summary>
    public static ValueTask<CommandContext?> BindAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ValueTask.FromResult<CommandContext?>(new CommandContext(http));
    }

    /// <summary>Loads <paramref name="streamId"/>, decides on it and appends with the expected version; sets the ETag.</summary>
    public async Task<Decided<TEvent>> Decide<TAggregate, TEvent>(Guid streamId, Func<TAggregate, IReadOnlyList<TEvent>> decide)
        where TAggregate : class
        where TEvent : notnull
    {
        var decided = await Session.Decide(streamId, ExpectedVersion, decide, Cancellation);
        Http.Response.SetVersion(decided.Version);
        return decided;
    }

    /// <summary>Starts <paramref name="streamId"/> with its first events (409 when it exists); sets the ETag.</summary>
    public async Task<Decided<TEvent>> Start<TAggregate, TEvent>(Guid streamId, IReadOnlyList<TEvent> events)
        where TAggregate : class
        where TEvent : notnull
    {
        var decided = await Session.StartStream<TAggregate, TEvent>(streamId, events, Cancellation);
        Http.Response.SetVersion(decided.Version);
        return decided;
    }

    /// <summary>201 with a <c>Location</c> under the service's route prefix, e.g. <c>citizens/{id}</c>.</summary>
    public IResult Created<TBody>(string location, TBody body) => Results.Created(Service.PathTo(location), body);
}
