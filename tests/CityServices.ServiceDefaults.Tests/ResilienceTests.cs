namespace CityServices.ServiceDefaults.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_get_that_fails_transiently_is_retried_and_a_post_is_not()
    {
        var getCalls = 0;
        var postCalls = 0;
        await using var service = await TestService.StartAsync(map: app =>
        {
            app.MapGet("/flaky", () => Interlocked.Increment(ref getCalls) == 1 ? Results.StatusCode(503) : Results.Ok());
            app.MapPost("/flaky", () =>
            {
                Interlocked.Increment(ref postCalls);
                return Results.StatusCode(503);
            });
        });
        using var client = service.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = service.Client.BaseAddress;

        var get = await client.GetAsync("/flaky", Ct);
        var post = await client.PostAsync("/flaky", content: null, Ct);

        Assert.Equal((HttpStatusCode.OK, 2), (get.StatusCode, getCalls));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (post.StatusCode, postCalls));
    }
}
