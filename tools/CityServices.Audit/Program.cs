using CityServices.Audit;

// Progress goes to stderr only when a person watches it: never into a redirected log or a CronJob's.
return await AuditCli.RunAsync(args, Console.Out, Console.Error, errorIsTerminal: !Console.IsErrorRedirected);
