using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>Swaps the process's stdout, so nothing may run beside it.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class SwapsStdout;

[Collection(typeof(SwapsStdout))]
public sealed partial class LoggingTests
{
    [LoggerMessage(LogLevel.Information, "Order {OrderId} accepted")]
    private static partial void OrderAccepted(ILogger logger, int orderId);

    [Fact]
    public async Task A_log_line_is_one_json_object_on_stdout_with_a_utc_timestamp_and_the_trace_of_its_request()
    {
        var (response, lines) = await CaptureStdoutAsync(
            app => app.MapPost("/orders/{id:int}", (int id, ILogger<LoggingTests> logger) => OrderAccepted(logger, id)),
            client => client.PostAsync("/orders/42", content: null, Ct));

        var entry = lines.Single(json => json.GetProperty("Message").GetString() == "Order 42 accepted");
        var timestamp = entry.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).Offset);
        Assert.Equal(42, entry.GetProperty("State").GetProperty("OrderId").GetInt32());
        Assert.StartsWith($"00-{TraceIdOf(entry)}-", Assert.Single(response.Headers.GetValues("traceresponse")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_exception_is_logged_as_an_error_with_the_trace_the_problem_names()
    {
        var (response, lines) = await CaptureStdoutAsync(
            ProblemsApi.Map,
            client => client.GetAsync("/boom", Ct));

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var entry = lines.Single(json => json.GetProperty("LogLevel").GetString() == "Error");
        Assert.Contains(ProblemsApi.SecretMessage, entry.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("traceId").GetString(), TraceIdOf(entry));
    }

    /// <summary>The trace id is a top-level field, where log collectors index it.</summary>
    private static string? TraceIdOf(JsonElement entry)
    {
        var traceId = entry.GetProperty("TraceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Matches("^[0-9a-f]{16}$", entry.GetProperty("SpanId").GetString());
        return traceId;
    }

    private static async Task<(HttpResponseMessage Response, JsonElement[] Lines)> CaptureStdoutAsync(
        Action<WebApplication> map, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(stdout));
        HttpResponseMessage response;
        try
        {
            var settings = TestService.BaseSettings();
            settings["Logging:LogLevel:Default"] = "Information";
            // Disposing the host flushes the console logger's queue before stdout is read.
            await using var service = await TestService.StartAsync(settings, map: map);
            response = await send(service.Client);
        }
        finally
        {
            Console.SetOut(original);
        }

        return (response, [.. stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)]);
    }
}
