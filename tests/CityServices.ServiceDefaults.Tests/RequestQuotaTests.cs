using CityServices.Testing;

namespace CityServices.ServiceDefaults.Tests;

/// <summary>Request quotas on a clock the test sets: windows, the RateLimit fields and the 429, without waiting.</summary>
public sealed class RequestQuotaTests
{
    // 12:00:03 on a 10 s window: 7 s to the window's end.
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 3, TimeSpan.Zero);

    [Fact]
    public async Task A_partition_gets_its_quota_per_window_each_answer_says_what_is_left_and_the_next_window_starts_afresh()
    {
        // given a quota of 2 per 10 s per X-Caller, on a clock at 3 s into a window
        var clock = new SettableClock(Start);
        await using var service = await StartAsync(clock);

        // when caller a asks three times and caller b once
        var a = new[] { await GetAsync(service, "a"), await GetAsync(service, "a"), await GetAsync(service, "a") };
        var b = await GetAsync(service, "b");

        // then a's answers count down to a 429 that waits for the window's end; b has its own budget
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], a.Select(answer => answer.StatusCode));
        Assert.All(a, answer => Assert.Equal("\"per-caller\";q=2;w=10", Field(answer, "RateLimit-Policy")));
        Assert.Equal(["\"per-caller\";r=1;t=7", "\"per-caller\";r=0;t=7", "\"per-caller\";r=0;t=7"], a.Select(answer => Field(answer, "RateLimit")));
        var problem = await Expect.ProblemAsync(HttpStatusCode.TooManyRequests, a[2]);
        Assert.Contains("retry after 7 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), a[2].Headers.RetryAfter?.Delta);
        Assert.Equal("\"per-caller\";r=1;t=7", Field(b, "RateLimit"));

        // and once the window ends, a is answered again with a fresh budget
        clock.Now = Start.AddSeconds(7.5);
        var next = await GetAsync(service, "a");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("\"per-caller\";r=1;t=10", Field(next, "RateLimit"));
    }

    [Fact]
    public async Task A_request_no_quota_applies_to_carries_no_fields()
    {
        await using var service = await StartAsync(new SettableClock(Start));

        var anonymous = await GetAsync(service, caller: null);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.False(anonymous.Headers.Contains("RateLimit"));
        Assert.False(anonymous.Headers.Contains("RateLimit-Policy"));
    }

    private static Task<TestService> StartAsync(SettableClock clock) => TestService.StartAsync(
        register: builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddRequestQuota<PerCallerQuota>();
        },
        map: app =>
        {
            app.UseRequestQuotas();
            app.MapGet("/hello", () => "hello");
        });

    private static async Task<HttpResponseMessage> GetAsync(TestService service, string? caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        if (caller is not null)
        {
            request.Headers.Add("X-Caller", caller);
        }

        return await service.Client.SendAsync(request, Ct);
    }

    private static string Field(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));

    private sealed class PerCallerQuota : IRequestQuota
    {
        public string Name => "per-caller";

        public int Quota => 2;

        public TimeSpan Window => TimeSpan.FromSeconds(10);

        public string? PartitionOf(HttpContext context) =>
            context.Request.Headers.TryGetValue("X-Caller", out var caller) ? caller.ToString() : null;
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
