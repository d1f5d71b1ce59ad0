using CityServices.CityTemplate;

await CityTemplateApp.Create(args).RunAsync();
