using CityServices.Ledger;

await LedgerApp.Create(args).RunAsync();
