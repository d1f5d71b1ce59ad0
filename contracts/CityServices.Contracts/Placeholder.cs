namespace CityServices.Contracts;
