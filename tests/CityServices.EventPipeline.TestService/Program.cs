using CityServices.EventPipeline.TestService;

await PermitsApp.Create(args).RunAsync();
