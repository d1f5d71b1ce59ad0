namespace CityServices.HealthRecords.Tests.Support;

/// <summary>Tests against a health-records service of their own, one per test.</summary>
public abstract class HealthRecordsTests(CityInfrastructure infrastructure, string name)
    : HostPerTest<HealthRecordsServiceHost>(() => HealthRecordsServiceHost.StartAsync(infrastructure, name))
{
    protected HealthRecordsServiceHost Service => Host;
}
