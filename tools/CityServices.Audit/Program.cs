using CityServices.Audit;

return await AuditCli.RunAsync(args, Console.Out, Console.Error);
