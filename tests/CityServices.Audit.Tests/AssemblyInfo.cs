// One chain for the whole assembly; each test class deploys its own registry from its own funded account.
[assembly: AssemblyFixture(typeof(CityInfrastructure))]
