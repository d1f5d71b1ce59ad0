using CityServices.Gateway;

await GatewayApp.Create(args).RunAsync();
