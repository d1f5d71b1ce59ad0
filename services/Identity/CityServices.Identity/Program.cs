using CityServices.Identity;

await IdentityApp.Create(args).RunAsync();
