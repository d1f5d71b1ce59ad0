using CityServices.EventPipeline.TestService;
using CityServices.ServiceDefaults.Schema;

return await PermitsApp.Create(args).RunOrMigrateAsync();
