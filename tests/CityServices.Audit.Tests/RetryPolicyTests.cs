namespace CityServices.Audit.Tests;

/// <summary>The wait before each retry: what the server asked for, capped; otherwise a jittered, doubling backoff.</summary>
public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(5, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(0, 3.0, 3.0)]
    [InlineData(4, 1.0, 1.0)]
    [InlineData(0, 3600.0, 10.0)]
    [InlineData(0, -5.0, 0.0)]
    public void Retry_after_is_waited_as_asked_up_to_the_cap(int retry, double asked, double waited)
    {
        Assert.Equal(TimeSpan.FromSeconds(waited), Policy.WaitBefore(retry, TimeSpan.FromSeconds(asked), jitter: 0.99));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(3, 4.0)]
    [InlineData(5, 10.0)]
    [InlineData(40, 10.0)]
    public void Without_retry_after_the_ceiling_doubles_up_to_the_cap_and_the_wait_is_a_jittered_part_of_it(int retry, double ceiling)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceiling), Policy.WaitBefore(retry, null, jitter: 1.0));
        Assert.Equal(TimeSpan.FromSeconds(ceiling / 4), Policy.WaitBefore(retry, null, jitter: 0.25));
        Assert.Equal(TimeSpan.Zero, Policy.WaitBefore(retry, null, jitter: 0.0));
    }
}
