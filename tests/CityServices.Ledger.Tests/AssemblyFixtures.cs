[assembly: AssemblyFixture(typeof(CityInfrastructure))]
