using System.Globalization;
using CityServices.ServiceDefaults.Problems;
using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>Each service counts its commands by name and outcome: the domain's own metric.</summary>
public sealed class CommandMetricsTests
{
    [Fact]
    public async Task Command_answers_are_counted_by_name_outcome_and_status_and_other_routes_are_not()
    {
        // given a service with a command route that accepts, refuses by exception or fails, and a read
        var metricsPort = Loopback.FreePort();
        var settings = TestService.BaseSettings();
        settings["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        await using var service = await TestService.StartAsync(settings, map: app =>
        {
            app.MapPost("/tickets/{outcome}", IResult (string outcome) => outcome switch
            {
                "open" => Results.Created("/tickets/1", value: null),
                "taken" => throw new ConflictException("The ticket is taken."),
                _ => throw new InvalidOperationException("broken"),
            }).CountedAsCommand().WithName("OpenTicket");
            app.MapGet("/tickets", () => "[]").WithName("ListTickets");
        });

        // when the command is answered 201 twice, 409 once and 500 once, and the read once
        foreach (var outcome in new[] { "open", "open", "taken", "boom" })
        {
            await service.Client.PostAsync($"/tickets/{outcome}", content: null, Ct);
        }

        await service.Client.GetAsync("/tickets", Ct);

        // then the management port's metrics count each outcome under the command's name
        var text = await ScrapeUntilAsync(metricsPort, "status=\"500\"");
        Assert.Equal(2, Count(text, "accepted", "201"));
        Assert.Equal(1, Count(text, "refused", "409"));
        Assert.Equal(1, Count(text, "failed", "500"));
        Assert.DoesNotContain("ListTickets", text, StringComparison.Ordinal);
    }

    /// <summary>The value of city_commands_total for OpenTicket with the outcome and status, 0 when absent.</summary>
    private static int Count(string metrics, string outcome, string status)
    {
        var line = metrics.Split('\n').SingleOrDefault(l =>
            l.StartsWith("city_commands_total{", StringComparison.Ordinal)
            && l.Contains("command=\"OpenTicket\"", StringComparison.Ordinal)
            && l.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal)
            && l.Contains($"status=\"{status}\"", StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The last answer's count is recorded when its response completes, just after the client has it.</summary>
    private static async Task<string> ScrapeUntilAsync(int metricsPort, string expected)
    {
        using var client = new HttpClient();
        var text = string.Empty;
        for (var attempt = 0; attempt < 50 && !text.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(100, Ct);
            }

            text = await client.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), Ct);
        }

        return text;
    }
}
