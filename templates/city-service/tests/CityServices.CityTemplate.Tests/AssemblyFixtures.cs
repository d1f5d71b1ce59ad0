[assembly: AssemblyFixture(typeof(CityServices.Testing.CityInfrastructure))]
