using CityServices.Ledger;
using CityServices.ServiceDefaults.Schema;

// Serves; with --migrate, creates or updates the service's schema and exits (the chart's migrations hook).
return await LedgerApp.Create(args).RunOrMigrateAsync();
