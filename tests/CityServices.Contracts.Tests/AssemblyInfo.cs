// One chain for the whole assembly; each test class isolates itself with accounts of its own.
[assembly: AssemblyFixture(typeof(CityInfrastructure))]
