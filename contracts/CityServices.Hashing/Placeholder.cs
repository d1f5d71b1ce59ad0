namespace CityServices.Hashing;
