using CityServices.Testing;

[assembly: AssemblyFixture(typeof(CityInfrastructure))]
