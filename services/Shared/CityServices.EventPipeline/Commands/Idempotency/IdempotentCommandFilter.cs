using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// Makes a creating command safe to retry. Without an <c>Idempotency-Key</c> the command runs as
/// always. With one, it runs in one PostgreSQL transaction that also holds its key's answer:
/// <list type="bullet">
/// <item>a first request runs, and its 2xx answer (status, Location, ETag, body) is stored with its events, in one commit;</item>
/// <item>a retry (same key, same route and body) gets that answer again, marked <c>Idempotent-Replayed</c>, and appends nothing;</item>
/// <item>the same key with another request is a 422, a duplicate still in flight a 409 (an advisory lock tells it without waiting);</item>
/// <item>an error answer is not stored: what the command had committed stays (a logged refusal), and the key may be tried again.</item>
/// </list>
/// Nothing of a key or a body is logged or measured.
/// </summary>
internal sealed class IdempotentCommandFilter(
    IDocumentStore store, NpgsqlDataSource database, IOptions<IdempotencyOptions> options, IOptions<JsonOptions> json,
    TimeProvider clock, CommandMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (IdempotencyKey.Read(http.Request) is not { } key)
        {
            return await next(context);
        }

        var command = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unnamed";
        var id = IdempotencyKey.StorageId(http.User, key);
        var fingerprint = Fingerprint(context);
        var ct = http.RequestAborted;

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await TryLockAsync(connection, transaction, id, ct))
        {
            metrics.RecordIdempotent(command, "in-progress");
            throw new RequestInProgressException(
                $"A request with this {IdempotencyKey.HeaderName} is still being processed; retry once it has been answered.");
        }

        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var now = clock.GetUtcNow();
        if (await session.LoadAsync<IdempotentAnswer>(id, ct) is { } earlier && earlier.ExpiresAt > now)
        {
            if (earlier.Fingerprint != fingerprint)
            {
                metrics.RecordIdempotent(command, "reused");
                throw new IdempotencyKeyReusedException(
                    $"This {IdempotencyKey.HeaderName} was already used at {earlier.AnsweredAt:O} for another request; use a new key for a new operation.");
            }

            metrics.RecordIdempotent(command, "replayed");
            return RecordedAnswer.Replay(earlier);
        }

        http.Features.Set(new CommandSession(session));
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await KeepWhatWasCommittedAsync(transaction);
            metrics.RecordIdempotent(command, "not-stored");
            throw;
        }

        var answer = await RecordedAnswer.CaptureAsync(http, result as IResult
            ?? throw new InvalidOperationException($"Command {command} must return an IResult to be idempotent."));
        if (answer.Status is >= 200 and < 300)
        {
            session.Store(answer.ToStored(http.Response, id, fingerprint, now, options.Value.Retention));
            await session.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        metrics.RecordIdempotent(command, answer.Status is >= 200 and < 300 ? "stored" : "not-stored");
        return answer;
    }

    /// <summary>
    /// What identifies the request under its key: method, path and query, and the command as bound
    /// (JSON of the body's type), so a retry that spaces its JSON differently is still the same request.
    /// </summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var request = context.HttpContext.Request;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.PathBase}{request.Path}{request.QueryString}\n"));
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is not null && context.Arguments.FirstOrDefault(argument => argument?.GetType() == bodyType) is { } body)
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(body, bodyType, json.Value.SerializerOptions));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken ct)
    {
        var (space, key) = IdempotencyKey.LockOf(id);
        await using var command = new NpgsqlCommand("select pg_try_advisory_xact_lock(@space, @key)", connection, transaction);
        command.Parameters.AddWithValue("space", space);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A command that failed after saving (a refusal it records) keeps what it saved, as it would
    /// without a key; one whose save failed left the transaction aborted, and PostgreSQL then rolls it back.
    /// </summary>
    private static async Task KeepWhatWasCommittedAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The transaction was already over (Marten rolled it back) or could not commit: nothing of it is kept.
        }
    }
}
