namespace CityServices.Testing;
