namespace CityServices.AuditTrail.Tests.Support;

/// <summary>Tests against an audited platform of their own (service, ledger, registry), one per test.</summary>
public abstract class AuditTrailTests(CityInfrastructure infrastructure, string name)
    : HostPerTest<AuditedPlatform>(() => AuditedPlatform.StartAsync(infrastructure, name))
{
    protected AuditedPlatform Platform => Host;
}
