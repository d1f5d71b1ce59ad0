using CityServices.HealthRecords;

await HealthRecordsApp.Create(args).RunAsync();
